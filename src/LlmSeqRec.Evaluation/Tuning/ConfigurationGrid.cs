using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmSeqRec.Evaluation.Tuning;

/// <summary>
/// A grid of configuration overrides: a JSON object whose fields list the values to try, e.g.
/// <c>{"combination": ["last", "mean"], "similarity": ["dot", "cosine"]}</c>. Its points are the cartesian product,
/// in field order, the last field varying fastest; each point is a JSON object of single values.
/// </summary>
public static class ConfigurationGrid
{
    /// <summary>Every point of <paramref name="grid"/>, laid over <paramref name="baseConfig"/> when given.</summary>
    /// <exception cref="ArgumentException">The grid is not an object of non-empty arrays.</exception>
    public static IReadOnlyList<JsonObject> Expand(JsonElement grid, JsonElement? baseConfig = null)
    {
        if (grid.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"the grid must be a JSON object of arrays, not {grid.ValueKind}");
        }

        var points = new List<JsonObject> { baseConfig is { ValueKind: JsonValueKind.Object } b ? JsonNode.Parse(b.GetRawText())!.AsObject() : [] };
        foreach (var field in grid.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.Array || field.Value.GetArrayLength() == 0)
            {
                throw new ArgumentException($"grid field '{field.Name}' must be a non-empty array of values");
            }

            points = points
                .SelectMany(point => field.Value.EnumerateArray().Select(value =>
                {
                    var next = point.DeepClone().AsObject();
                    next[field.Name] = JsonNode.Parse(value.GetRawText());
                    return next;
                }))
                .ToList();
        }

        return points;
    }
}
