using System.Globalization;
using System.Text;

namespace LlmSeqRec.Reporting.Rendering;

/// <summary>The report as Markdown: header, promotion, one metrics table per cutoff (with the paper's columns when shown), hit rate by session length, training, timings and artifacts.</summary>
internal static class ReportMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        md.Append("# Run report ").AppendLine(Code(report.RunId)).AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.Append("| dataset | ").Append(Text(report.DatasetName)).AppendLine(" |");
        md.Append("| dataset hash | ").Append(Code(report.DatasetHash)).AppendLine(" |");
        md.Append("| created | ").Append(ReportText.Date(report.CreatedAt)).AppendLine(" |");
        md.Append("| code version | ").Append(Code(report.CodeVersion)).AppendLine(" |");
        md.Append("| cutoffs | ").Append(string.Join(", ", MetricColumn.Cutoffs(report))).AppendLine(" |");
        md.AppendLine();

        Promotion(md, report.Promotion);
        foreach (var k in MetricColumn.Cutoffs(report))
        {
            Metrics(md, report, k);
        }

        Models(md, report);
        HitRateByLength(md, report);
        Training(md, report);
        Timings(md, report);
        Artifacts(md, report);
        return md.ToString();
    }

    private static void Promotion(StringBuilder md, PromotionDecision? promotion)
    {
        md.AppendLine("## Promotion").AppendLine();
        if (promotion is null)
        {
            md.AppendLine("No promotion decision in this run.").AppendLine();
            return;
        }

        md.Append(promotion.Promoted ? "**Promoted**: " : "**Not promoted**: ").Append(Text(promotion.Candidate))
            .Append(" on ").Append(Text(promotion.GateMetric)).Append(' ').Append(ReportText.Score(promotion.CandidateScore))
            .Append(" vs champion ").Append(promotion.ChampionScore is { } c ? ReportText.Score(c) : "none")
            .Append(" (margin ").Append(ReportText.Score(promotion.Margin)).Append("). ")
            .AppendLine(Text(promotion.Reason)).AppendLine();
    }

    private static void Metrics(StringBuilder md, RunReport report, int k)
    {
        md.Append("## Metrics @").Append(k).AppendLine().AppendLine();
        var paper = report.ShowsPaper;
        md.Append("| model |");
        foreach (var column in MetricColumn.All)
        {
            md.Append(' ').Append(column.Key(k)).Append(" |");
            if (paper)
            {
                md.Append(' ').Append(column.Key(k)).Append(" (paper) |");
            }
        }

        md.AppendLine();
        md.Append("|---|");
        foreach (var _ in MetricColumn.All)
        {
            md.Append(paper ? "---:|---:|" : "---:|");
        }

        md.AppendLine();
        foreach (var model in report.Models)
        {
            md.Append("| ").Append(Text(model.Model)).Append(" |");
            if (!model.IsCompleted)
            {
                // No numbers at all (not even the paper's): the status and message, then empty cells.
                md.Append(' ').Append(Text(ReportText.StatusLine(model))).Append(" |")
                    .Append(string.Concat(Enumerable.Repeat(" |", (MetricColumn.All.Count * (paper ? 2 : 1)) - 1))).AppendLine();
                continue;
            }

            foreach (var column in MetricColumn.All)
            {
                var key = column.Key(k);
                if (model.Metrics.TryGetValue(key, out var value))
                {
                    var text = column.Format(value);
                    md.Append(' ').Append(MetricColumn.Best(report, key) == value ? $"**{text}**" : text).Append(" |");
                }
                else
                {
                    md.Append(" – |");
                }

                if (paper)
                {
                    md.Append(' ').Append(PaperReference.Value(model.Model, key) is { } p ? column.Format(p) : "–").Append(" |");
                }
            }

            md.AppendLine();
        }

        md.AppendLine();
        if (paper)
        {
            md.AppendLine("Best value per column in bold. Paper: P1's Beauty numbers for the same model family (their P1 configuration); – where the paper has none.")
                .AppendLine();
        }
        else
        {
            md.AppendLine("Best value per column in bold.").AppendLine();
        }
    }

    private static void Models(StringBuilder md, RunReport report)
    {
        md.AppendLine("## Models").AppendLine();
        md.AppendLine("| model | status | fit (s) | evaluate (s) | message |").AppendLine("|---|---|---:|---:|---|");
        foreach (var m in report.Models)
        {
            md.Append("| ").Append(Text(m.Model)).Append(" | ").Append(Text(m.Status)).Append(" | ")
                .Append(ReportText.Seconds(m.FitSeconds)).Append(" | ").Append(ReportText.Seconds(m.EvaluateSeconds)).Append(" | ")
                .Append(Text(m.Error ?? "")).AppendLine(" |");
        }

        md.AppendLine();
    }

    private static void HitRateByLength(StringBuilder md, RunReport report)
    {
        var models = report.Models.Where(m => m.IsCompleted && m.HitRateByLength.Count > 0).ToArray();
        if (models.Length == 0)
        {
            return;
        }

        var labels = ReportText.BucketLabels(models);
        md.Append("## Hit rate by session length @").Append(MetricColumn.Cutoffs(report).LastOrDefault(20)).AppendLine().AppendLine();
        md.Append("| prompt length |").AppendJoin("", labels.Select(l => $" {Text(l)} |")).AppendLine();
        md.Append("|---|").AppendJoin("", labels.Select(_ => "---:|")).AppendLine();
        var first = models[0].HitRateByLength;
        md.Append("| cases |").AppendJoin("", labels.Select(l => $" {first.FirstOrDefault(b => b.Label == l)?.Cases.ToString(Invariant) ?? "–"} |")).AppendLine();
        foreach (var m in models)
        {
            md.Append("| ").Append(Text(m.Model)).Append(" |");
            foreach (var label in labels)
            {
                var bucket = m.HitRateByLength.FirstOrDefault(b => b.Label == label);
                md.Append(' ').Append(bucket is { Cases: > 0 } ? bucket.HitRate.ToString("F4", Invariant) : "–").Append(" |");
            }

            md.AppendLine();
        }

        md.AppendLine();
    }

    private static void Training(StringBuilder md, RunReport report)
    {
        var models = report.Models.Where(m => m.TrainingCurve.Count > 0).ToArray();
        if (models.Length == 0)
        {
            return;
        }

        md.AppendLine("## Training").AppendLine();
        md.AppendLine("| model | epochs | best validation NDCG@20 | at epoch | last loss | seconds |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var m in models)
        {
            var best = m.TrainingCurve.MaxBy(e => e.ValidationNdcg20)!;
            md.Append("| ").Append(Text(m.Model)).Append(" | ").Append(m.TrainingCurve.Count).Append(" | ")
                .Append(best.ValidationNdcg20.ToString("F4", Invariant)).Append(" | ").Append(best.Epoch).Append(" | ")
                .Append(m.TrainingCurve[^1].Loss.ToString("F4", Invariant)).Append(" | ")
                .Append(ReportText.Seconds(m.TrainingCurve.Sum(e => e.Seconds))).AppendLine(" |");
        }

        md.AppendLine();
    }

    private static void Timings(StringBuilder md, RunReport report)
    {
        if (report.Timings.Count == 0)
        {
            return;
        }

        md.AppendLine("## Timings").AppendLine();
        md.AppendLine("| stage | seconds |").AppendLine("|---|---:|");
        foreach (var t in report.Timings)
        {
            md.Append("| ").Append(Text(t.Stage)).Append(" | ").Append(ReportText.Seconds(t.Seconds)).AppendLine(" |");
        }

        md.Append("| **total** | **").Append(ReportText.Seconds(report.Timings.Sum(t => t.Seconds))).AppendLine("** |").AppendLine();
    }

    private static void Artifacts(StringBuilder md, RunReport report)
    {
        if (report.Artifacts.Count == 0)
        {
            return;
        }

        md.AppendLine("## Artifacts").AppendLine();
        foreach (var a in report.Artifacts)
        {
            md.Append("- ").AppendLine(ReportText.IsSafeHref(a.Href)
                ? $"[{Text(a.Name)}](<{a.Href.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)}>)"
                : $"{Text(a.Name)}: {Code(a.Href)}");
        }

        md.AppendLine();
    }

    /// <summary>Text for a Markdown table cell: one line, no pipes or markup.</summary>
    private static string Text(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '\r' or '\n' or '\t':
                    sb.Append(' ');
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '\\' or '|' or '*' or '_' or '`' or '[' or ']':
                    sb.Append('\\').Append(ch);
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Inline code for identifiers (hashes, versions): backticks and pipes dropped, one line.</summary>
    private static string Code(string text) =>
        "`" + text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "/", StringComparison.Ordinal).ReplaceLineEndings(" ") + "`";
}
