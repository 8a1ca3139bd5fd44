using LlmSeqRec.Models.Baselines;
using LlmSeqRec.Models.Knn;

namespace LlmSeqRec.Models;

/// <summary>The models the tools can run, by command-line name.</summary>
public static class ModelRegistry
{
    private static readonly Dictionary<string, Func<ModelSettings, IRecommender>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["popularity"] = s => new PopularityRecommender(s.FilterPromptItems ?? false),
        [SknnVariants.Sknn.Model] = SknnVariants.Sknn.Create,
        [SknnVariants.VSknn.Model] = SknnVariants.VSknn.Create,
        [SknnVariants.SSknn.Model] = SknnVariants.SSknn.Create,
        [SknnVariants.SfSknn.Model] = SknnVariants.SfSknn.Create,
    };

    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Creates a model by name.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static IRecommender Create(string name, ModelSettings? settings = null) =>
        Factories.TryGetValue(name, out var factory)
            ? factory(settings ?? new ModelSettings())
            : throw new ArgumentException($"unknown model '{name}'; available: {string.Join(", ", Names)}", nameof(name));
}
