namespace LlmSeqRec.Models.Knn;

/// <summary>A registered kNN model: its command-line name, default configuration and named presets.</summary>
/// <param name="Model">The command-line name (e.g. "vsknn").</param>
/// <param name="Defaults">The configuration when no preset is chosen.</param>
/// <param name="Presets">Named configurations (e.g. "p1": the paper's), matched case-insensitively.</param>
public sealed record SknnVariant(string Model, SknnConfig Defaults, IReadOnlyDictionary<string, SknnConfig> Presets)
{
    /// <summary>
    /// The configuration for <paramref name="settings"/>: defaults, preset and JSON overrides
    /// (<see cref="ModelConfiguration.Resolve{T}"/>), then <see cref="ModelSettings.FilterPromptItems"/> if set.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown preset or field, a wrong type, or an invalid value.</exception>
    public SknnConfig Configure(ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = ModelConfiguration.Resolve(Model, settings, Defaults, Presets);
        if (settings.FilterPromptItems is { } filter)
        {
            config = config with { FilterPromptItems = filter };
        }

        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"bad configuration for model '{Model}': {e.Message}", e);
        }

        return config;
    }

    /// <summary>The model for <paramref name="settings"/>, seeded with <see cref="ModelSettings.Seed"/> or the default seed.</summary>
    public SessionKnnRecommender Create(ModelSettings settings) =>
        new(Configure(settings), settings.Seed ?? SessionKnnRecommender.DefaultSeed);
}
