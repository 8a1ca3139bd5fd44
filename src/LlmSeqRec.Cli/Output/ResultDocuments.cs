using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmSeqRec.Data;
using LlmSeqRec.Evaluation;

namespace LlmSeqRec.Cli.Output;

/// <summary>The JSON and Markdown forms of evaluation results.</summary>
internal static class ResultDocuments
{
    /// <summary>One evaluation: <c>{"sessions": n, "metrics": {...}}</c> on one line.</summary>
    public static string MetricsJson(EvaluationResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteMetrics(json, result);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A run's results: the dataset's identity and each model's metrics.</summary>
    public static string RunJson(PreparedDataset dataset, IReadOnlyList<ModelResult> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("dataset");
            json.WriteString("name", dataset.Manifest.Name);
            json.WriteString("contentHash", dataset.Manifest.ContentHash);
            json.WriteNumber("sessions", dataset.Sessions.Count);
            json.WriteNumber("items", dataset.Catalog.Count);
            json.WriteNumber("interactions", dataset.Sessions.InteractionCount);
            json.WriteNumber("testCases", dataset.Test.Count);
            json.WriteEndObject();
            json.WriteStartArray("models");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("model", r.Model);
                json.WriteNumber("fitSeconds", Math.Round(r.FitSeconds, 3));
                json.WriteNumber("evaluateSeconds", Math.Round(r.EvaluateSeconds, 3));
                json.WritePropertyName("result");
                WriteMetrics(json, r.Result);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>A Markdown table: one row per model, one column per metric.</summary>
    public static string RunMarkdown(PreparedDataset dataset, IReadOnlyList<ModelResult> results)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Results: {dataset.Manifest.Name}\n\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"Dataset `{dataset.Manifest.ContentHash[..19]}`: {dataset.Sessions.Count:N0} sessions, {dataset.Catalog.Count:N0} items, " +
            $"{dataset.Sessions.InteractionCount:N0} interactions; {dataset.Test.Count:N0} test cases.\n\n");
        if (results.Count == 0)
        {
            return sb.ToString();
        }

        var metrics = results[0].Result.Metrics.Keys.ToArray();
        sb.Append("| Model | ").AppendJoin(" | ", metrics).Append(" |\n");
        sb.Append("|---|").AppendJoin("", metrics.Select(_ => "---:|")).Append('\n');
        foreach (var r in results)
        {
            sb.Append("| ").Append(r.Model).Append(" | ")
                .AppendJoin(" | ", metrics.Select(m => r.Result.Metrics[m].ToString("F6", CultureInfo.InvariantCulture)))
                .Append(" |\n");
        }

        return sb.ToString();
    }

    private static void WriteMetrics(Utf8JsonWriter json, EvaluationResult result)
    {
        json.WriteStartObject();
        json.WriteNumber("sessions", result.Sessions);
        json.WriteStartObject("metrics");
        foreach (var (name, value) in result.Metrics)
        {
            json.WriteNumber(name, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}

/// <summary>One model's outcome in a run.</summary>
internal sealed record ModelResult(string Model, EvaluationResult Result, double FitSeconds, double EvaluateSeconds);
