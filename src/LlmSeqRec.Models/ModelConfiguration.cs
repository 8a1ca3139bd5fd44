using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LlmSeqRec.Models;

/// <summary>
/// Builds a model's configuration record: defaults, then a named preset, then the fields of a JSON override.
/// Field names are camelCase, enums are strings; an unknown preset or field fails with a message naming it.
/// </summary>
public static class ModelConfiguration
{
    /// <summary>JSON conventions of configuration files and overrides.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };

    /// <summary>
    /// The configuration for <paramref name="settings"/>: <paramref name="defaults"/>, replaced by the preset named
    /// in the settings, with the settings' JSON fields laid over it.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown preset, unknown field, or a value of the wrong type.</exception>
    public static T Resolve<T>(string model, ModelSettings settings, T defaults, IReadOnlyDictionary<string, T>? presets = null)
        where T : class
    {
        var config = defaults;
        if (settings.Preset is { } name)
        {
            var known = presets ?? new Dictionary<string, T>();
            config = known.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value
                ?? throw new ArgumentException(known.Count == 0
                    ? $"model '{model}' has no presets (got '{name}')"
                    : $"unknown preset '{name}' for model '{model}'; available: {string.Join(", ", known.Keys)}");
        }

        return settings.Config is { } overrides ? Apply(model, config, overrides) : config;
    }

    /// <summary>Lays the fields of the JSON object <paramref name="overrides"/> over <paramref name="config"/>.</summary>
    public static T Apply<T>(string model, T config, JsonElement overrides)
        where T : class
    {
        if (overrides.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"the configuration of model '{model}' must be a JSON object, not {overrides.ValueKind}");
        }

        var merged = JsonSerializer.SerializeToNode(config, JsonOptions)!.AsObject();
        foreach (var field in overrides.EnumerateObject())
        {
            var key = merged.Select(p => p.Key).FirstOrDefault(k => k.Equals(field.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"unknown field '{field.Name}' in the configuration of model '{model}'; fields: {string.Join(", ", merged.Select(p => p.Key))}");
            merged[key] = JsonNode.Parse(field.Value.GetRawText());
        }

        try
        {
            return merged.Deserialize<T>(JsonOptions) ?? throw new ArgumentException($"empty configuration for model '{model}'");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"bad configuration for model '{model}' at {e.Path}: {e.Message}", e);
        }
    }

    /// <summary>The configuration as one line of JSON (for logs and result files).</summary>
    public static string Describe<T>(T config) => JsonSerializer.Serialize(config, JsonOptions);
}
