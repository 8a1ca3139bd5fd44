using System.Globalization;
using System.Net;
using System.Text;

namespace LlmSeqRec.Reporting.Rendering;

/// <summary>
/// The report as one self-contained HTML page: inline CSS, charts as PNG data URIs, no scripts and no external
/// resources. Every text from the report is HTML-escaped; only http(s) and relative links become links.
/// </summary>
internal static class ReportHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string Css = """
        :root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --head: #f3f4f6; --accent: #1d4ed8; --best: #dcfce7; --best-ink: #166534; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #f9fafb; }
        header.top { background: linear-gradient(90deg, #1e3a8a, #1d4ed8); color: #fff; padding: 24px 40px; }
        header.top h1 { margin: 0 0 12px; font-size: 26px; font-weight: 600; }
        header.top h1 .id { font-family: "DejaVu Sans Mono", monospace; font-weight: 400; opacity: .9; }
        dl.meta { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 0; }
        dl.meta div { min-width: 120px; }
        dl.meta dt { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; opacity: .75; }
        dl.meta dd { margin: 0; font-size: 15px; word-break: break-all; }
        main { padding: 24px 40px 48px; max-width: 1400px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 24px; margin: 0 0 20px; }
        h2 { font-size: 19px; margin: 0 0 12px; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
        th { background: var(--head); font-weight: 600; font-size: 13px; }
        th:first-child, td:first-child { text-align: left; }
        tbody tr:nth-child(even) td { background: #fcfcfd; }
        td.best { background: var(--best) !important; color: var(--best-ink); font-weight: 700; }
        td.paper, th.paper { color: var(--muted); font-style: italic; }
        td.message { text-align: left; white-space: normal; color: #991b1b; }
        td.text, th.text { text-align: left; white-space: normal; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; margin-right: 8px; font-style: normal; }
        .badge.completed { background: #dcfce7; color: #166534; }
        .badge.failed { background: #fee2e2; color: #991b1b; }
        .badge.unavailable { background: #fef3c7; color: #92400e; }
        .note { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
        section.promotion.promoted { border-left: 6px solid #16a34a; }
        section.promotion.kept { border-left: 6px solid #9ca3af; }
        .decision { font-size: 17px; font-weight: 600; }
        figure { margin: 0 0 16px; }
        figure img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
        figcaption { color: var(--muted); font-size: 13px; }
        .bar { display: inline-block; height: 10px; background: #93c5fd; border-radius: 2px; vertical-align: middle; }
        a { color: var(--accent); }
        code { font-family: "DejaVu Sans Mono", monospace; font-size: 13px; }
        footer { color: var(--muted); font-size: 12px; padding: 0 40px 24px; }
        """;

    public static string Render(RunReport report, ReportCharts charts)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\">").AppendLine("<head>")
            .AppendLine("<meta charset=\"utf-8\">")
            .AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Run ").Append(E(report.RunId)).Append(" · ").Append(E(report.DatasetName)).AppendLine("</title>")
            .Append("<style>").Append(Css).AppendLine("</style>")
            .AppendLine("</head>").AppendLine("<body>");
        Header(html, report);
        html.AppendLine("<main>");
        Promotion(html, report.Promotion);
        foreach (var k in MetricColumn.Cutoffs(report))
        {
            Metrics(html, report, k);
        }

        Charts(html, report, charts);
        Models(html, report);
        Timings(html, report);
        Artifacts(html, report);
        html.AppendLine("</main>");
        html.Append("<footer>Run report of ").Append(E(report.RunId)).Append(", generated from the run's data")
            .Append(report.ShowsPaper ? "; paper numbers: P1 (Harte et al., RecSys 2023) on Amazon Beauty, 4,469 test cases" : "")
            .AppendLine(".</footer>");
        html.AppendLine("</body>").AppendLine("</html>");
        return html.ToString();
    }

    private static void Header(StringBuilder html, RunReport report)
    {
        html.AppendLine("<header class=\"top\">")
            .Append("<h1>Run report <span class=\"id\">").Append(E(report.RunId)).AppendLine("</span></h1>")
            .AppendLine("<dl class=\"meta\">");
        Meta(html, "Dataset", E(report.DatasetName));
        Meta(html, "Dataset hash", $"<code>{E(report.DatasetHash)}</code>");
        Meta(html, "Created", E(ReportText.Date(report.CreatedAt)));
        Meta(html, "Code version", $"<code>{E(report.CodeVersion)}</code>");
        Meta(html, "Cutoffs", E(string.Join(", ", MetricColumn.Cutoffs(report))));
        Meta(html, "Models", E(string.Create(Invariant, $"{report.Models.Count(m => m.IsCompleted)} of {report.Models.Count} completed")));
        html.AppendLine("</dl>").AppendLine("</header>");
    }

    private static void Meta(StringBuilder html, string term, string definitionHtml) =>
        html.Append("<div><dt>").Append(term).Append("</dt><dd>").Append(definitionHtml).AppendLine("</dd></div>");

    private static void Promotion(StringBuilder html, PromotionDecision? promotion)
    {
        if (promotion is null)
        {
            html.AppendLine("<section class=\"promotion kept\" id=\"promotion\"><h2>Promotion</h2><p>No promotion decision in this run.</p></section>");
            return;
        }

        html.Append("<section class=\"promotion ").Append(promotion.Promoted ? "promoted" : "kept").AppendLine("\" id=\"promotion\">")
            .AppendLine("<h2>Promotion</h2>")
            .Append("<p class=\"decision\">").Append(promotion.Promoted ? "Promoted: " : "Not promoted: ").Append(E(promotion.Candidate)).AppendLine("</p>")
            .Append("<p>").Append(E(promotion.GateMetric)).Append(' ').Append(E(ReportText.Score(promotion.CandidateScore)))
            .Append(" vs champion ").Append(promotion.ChampionScore is { } c ? E(ReportText.Score(c)) : "none")
            .Append(" (margin ").Append(E(ReportText.Score(promotion.Margin))).Append("). ").Append(E(promotion.Reason)).AppendLine("</p>")
            .AppendLine("</section>");
    }

    private static void Metrics(StringBuilder html, RunReport report, int k)
    {
        var paper = report.ShowsPaper;
        var columns = MetricColumn.All;
        html.Append("<section id=\"metrics-").Append(k).AppendLine("\">")
            .Append("<h2>Metrics @").Append(k).AppendLine("</h2>")
            .AppendLine("<table class=\"metrics\">").AppendLine("<thead>");
        if (paper)
        {
            html.Append("<tr><th rowspan=\"2\">Model</th>");
            foreach (var column in columns)
            {
                html.Append("<th colspan=\"2\">").Append(E(column.Header)).Append('@').Append(k).Append("</th>");
            }

            html.AppendLine("</tr>").Append("<tr>");
            foreach (var _ in columns)
            {
                html.Append("<th>ours</th><th class=\"paper\">paper</th>");
            }

            html.AppendLine("</tr>");
        }
        else
        {
            html.Append("<tr><th>Model</th>");
            foreach (var column in columns)
            {
                html.Append("<th>").Append(E(column.Header)).Append('@').Append(k).Append("</th>");
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</thead>").AppendLine("<tbody>");
        foreach (var model in report.Models)
        {
            html.Append("<tr><td>").Append(E(model.Model)).Append("</td>");
            if (!model.IsCompleted)
            {
                html.Append("<td class=\"message\" colspan=\"").Append(columns.Count * (paper ? 2 : 1)).Append("\">")
                    .Append(Badge(model.Status)).Append(E(model.Error ?? "")).AppendLine("</td></tr>");
                continue;
            }

            foreach (var column in columns)
            {
                var key = column.Key(k);
                if (model.Metrics.TryGetValue(key, out var value))
                {
                    var best = MetricColumn.Best(report, key) == value;
                    html.Append(best ? "<td class=\"best\">" : "<td>").Append(E(column.Format(value))).Append("</td>");
                }
                else
                {
                    html.Append("<td>–</td>");
                }

                if (paper)
                {
                    html.Append("<td class=\"paper\">")
                        .Append(PaperReference.Value(model.Model, key) is { } p ? E(column.Format(p)) : "–")
                        .Append("</td>");
                }
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</tbody>").AppendLine("</table>")
            .Append("<p class=\"note\">Best value per column highlighted (all metrics: higher is better).")
            .Append(paper ? " Paper: P1's Beauty numbers for the same model family (their P1 configuration); – where the paper has none." : "")
            .AppendLine("</p>").AppendLine("</section>");
    }

    private static void Charts(StringBuilder html, RunReport report, ReportCharts charts)
    {
        var k = MetricColumn.Cutoffs(report).LastOrDefault(20);
        var figures = new (string Id, string Alt, string Caption, byte[]? Png)[]
        {
            ("chart-metrics", "NDCG and HitRate per model", report.ShowsPaper
                ? "NDCG and HitRate per model at each cutoff; black ticks: the paper's values."
                : "NDCG and HitRate per model at each cutoff.", charts.Metrics(report)),
            ("chart-length", $"HitRate@{k} by session length", $"HitRate@{k} per prompt-length bucket (n = test cases in the bucket).", charts.HitRateByLength(report)),
            ("chart-validation", "Validation NDCG@20 per epoch", "Validation NDCG@20 after each epoch (early stopping keeps the best).", charts.Training(report, loss: false)),
            ("chart-loss", "Training loss per epoch", "Mean training loss per epoch.", charts.Training(report, loss: true)),
        };

        html.AppendLine("<section id=\"charts\">").AppendLine("<h2>Charts</h2>");
        var any = false;
        foreach (var (id, alt, caption, png) in figures)
        {
            if (png is null)
            {
                continue;
            }

            any = true;
            html.Append("<figure id=\"").Append(id).Append("\"><img alt=\"").Append(E(alt)).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(png)).Append("\"><figcaption>").Append(E(caption)).AppendLine("</figcaption></figure>");
        }

        if (!report.Models.Any(m => m.TrainingCurve.Count > 0))
        {
            html.AppendLine("<p class=\"note\">No training curves in this run (no model trained by epochs).</p>");
        }

        if (!any)
        {
            html.AppendLine("<p class=\"note\">Nothing to plot: no model completed.</p>");
        }

        html.AppendLine("</section>");
    }

    private static void Models(StringBuilder html, RunReport report)
    {
        html.AppendLine("<section id=\"models\">").AppendLine("<h2>Models</h2>").AppendLine("<table>")
            .AppendLine("<thead><tr><th>Model</th><th class=\"text\">Status</th><th>Fit (s)</th><th>Evaluate (s)</th><th>Epochs</th><th class=\"text\">Message</th></tr></thead>")
            .AppendLine("<tbody>");
        foreach (var m in report.Models)
        {
            html.Append("<tr><td>").Append(E(m.Model)).Append("</td><td class=\"text\">").Append(Badge(m.Status)).Append("</td><td>")
                .Append(E(ReportText.Seconds(m.FitSeconds))).Append("</td><td>").Append(E(ReportText.Seconds(m.EvaluateSeconds))).Append("</td><td>")
                .Append(m.TrainingCurve.Count > 0 ? m.TrainingCurve.Count.ToString(Invariant) : "–").Append("</td><td class=\"")
                .Append(m.IsCompleted ? "text" : "message").Append("\">").Append(E(m.Error ?? "")).AppendLine("</td></tr>");
        }

        html.AppendLine("</tbody>").AppendLine("</table>").AppendLine("</section>");
    }

    private static void Timings(StringBuilder html, RunReport report)
    {
        if (report.Timings.Count == 0)
        {
            return;
        }

        var max = Math.Max(1e-9, report.Timings.Max(t => double.IsFinite(t.Seconds) ? t.Seconds : 0));
        html.AppendLine("<section id=\"timings\">").AppendLine("<h2>Timings</h2>").AppendLine("<table>")
            .AppendLine("<thead><tr><th>Stage</th><th>Seconds</th><th style=\"width:50%\"></th></tr></thead>").AppendLine("<tbody>");
        foreach (var t in report.Timings)
        {
            var width = double.IsFinite(t.Seconds) ? Math.Clamp(t.Seconds / max * 100, 0, 100) : 0;
            html.Append("<tr><td>").Append(E(t.Stage)).Append("</td><td>").Append(E(ReportText.Seconds(t.Seconds)))
                .Append("</td><td class=\"text\"><span class=\"bar\" style=\"width:").Append(width.ToString("F1", Invariant)).AppendLine("%\"></span></td></tr>");
        }

        html.Append("<tr><th>Total</th><th>").Append(E(ReportText.Seconds(report.Timings.Sum(t => t.Seconds)))).AppendLine("</th><th></th></tr>")
            .AppendLine("</tbody>").AppendLine("</table>").AppendLine("</section>");
    }

    private static void Artifacts(StringBuilder html, RunReport report)
    {
        if (report.Artifacts.Count == 0)
        {
            return;
        }

        html.AppendLine("<section id=\"artifacts\">").AppendLine("<h2>Artifacts</h2>").AppendLine("<ul>");
        foreach (var a in report.Artifacts)
        {
            html.Append("<li>").Append(ReportText.IsSafeHref(a.Href)
                ? $"<a href=\"{E(a.Href.Trim())}\">{E(a.Name)}</a> <code>{E(a.Href)}</code>"
                : $"{E(a.Name)}: <code>{E(a.Href)}</code>").AppendLine("</li>");
        }

        html.AppendLine("</ul>").AppendLine("</section>");
    }

    private static string Badge(string status)
    {
        var css = status switch
        {
            ModelStatus.Completed => "completed",
            ModelStatus.Failed => "failed",
            _ => "unavailable",
        };
        return $"<span class=\"badge {css}\">{E(status)}</span>";
    }

    /// <summary>HTML-escapes text for element content and quoted attribute values.</summary>
    private static string E(string text) => WebUtility.HtmlEncode(text);
}
