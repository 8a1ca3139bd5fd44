using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LlmSeqRec.Reporting.Rendering;

namespace LlmSeqRec.Reporting;

/// <summary>
/// The report's JSON document (format <see cref="Format"/>): the <see cref="RunReport"/> in camelCase with metrics
/// in a fixed order, plus, when the report shows the paper, each model's <c>paper</c> row. The same report always
/// gives the same text; <see cref="Read"/> gives the report back.
/// </summary>
public static class RunReportJson
{
    /// <summary>The value of the document's <c>format</c> field.</summary>
    public const string Format = "llmseqrec.run-report/1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The JSON text of <paramref name="report"/>.</summary>
    public static string Write(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ordered = report with
        {
            Models = [.. report.Models.Select(m => m with { Metrics = Ordered(m.Metrics) })],
        };
        var root = new JsonObject { ["format"] = Format };
        foreach (var (name, value) in JsonSerializer.SerializeToNode(ordered, Options)!.AsObject().ToArray())
        {
            root[name] = value?.DeepClone();
        }

        root["showsPaper"] = report.ShowsPaper;
        var models = root["models"]!.AsArray();
        for (var i = 0; i < report.Models.Count; i++)
        {
            models[i]!.AsObject()["paper"] = report.ShowsPaper && PaperReference.For(report.Models[i].Model) is { } paper
                ? JsonSerializer.SerializeToNode(paper with { Metrics = Ordered(paper.Metrics) }, Options)
                : null;
        }

        return root.ToJsonString(Options);
    }

    /// <summary>Reads a document written by <see cref="Write"/>.</summary>
    /// <exception cref="JsonException">The text is not such a document.</exception>
    public static RunReport Read(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("a run report is a JSON object");
        if ((string?)node["format"] != Format)
        {
            throw new JsonException($"not a run report: format is not {Format}");
        }

        return node.Deserialize<RunReport>(Options) ?? throw new JsonException("empty run report");
    }

    private static Dictionary<string, double> Ordered(IReadOnlyDictionary<string, double> metrics) =>
        new(MetricColumn.Ordered(metrics));
}
