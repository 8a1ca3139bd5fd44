using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Reporting.Rendering;

namespace LlmSeqRec.Reporting;

/// <summary>
/// Turns a <see cref="RunReport"/> into its three documents: a self-contained HTML page (tables and ScottPlot
/// charts), Markdown and JSON (<see cref="RunReportJson"/>).
/// </summary>
public sealed class RunReportWriter
{
    /// <summary>The HTML file's name in a report folder.</summary>
    public const string HtmlFileName = "report.html";

    /// <summary>The Markdown file's name in a report folder.</summary>
    public const string MarkdownFileName = "report.md";

    /// <summary>The JSON file's name in a report folder.</summary>
    public const string JsonFileName = "report.json";

    private readonly ReportCharts _charts;

    /// <param name="chartWidth">Pixel width of each chart image.</param>
    /// <param name="chartHeight">Pixel height of each chart image.</param>
    public RunReportWriter(int chartWidth = 1000, int chartHeight = 420)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chartWidth, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(chartHeight, 150);
        ChartWidth = chartWidth;
        ChartHeight = chartHeight;
        _charts = new ReportCharts(chartWidth, chartHeight);
    }

    /// <summary>Pixel width of each chart image.</summary>
    public int ChartWidth { get; }

    /// <summary>Pixel height of each chart image.</summary>
    public int ChartHeight { get; }

    /// <summary>The three documents as strings (for callers that store them elsewhere, e.g. blob storage).</summary>
    public RenderedReport Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new RenderedReport(ReportHtml.Render(report, _charts), ReportMarkdown.Render(report), RunReportJson.Write(report));
    }

    /// <summary>
    /// Writes <see cref="HtmlFileName"/>, <see cref="MarkdownFileName"/> and <see cref="JsonFileName"/> into
    /// <paramref name="folder"/> (created if needed), each atomically (temporary sibling, then rename).
    /// </summary>
    /// <returns>The three documents as written.</returns>
    public Task<RenderedReport> WriteAsync(RunReport report, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return Task.Run(
            () =>
            {
                var rendered = Render(report);
                cancellationToken.ThrowIfCancellationRequested();
                AtomicFile.WriteAllText(Path.Combine(folder, JsonFileName), rendered.Json);
                AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFileName), rendered.Markdown);
                AtomicFile.WriteAllText(Path.Combine(folder, HtmlFileName), rendered.Html);
                return rendered;
            },
            cancellationToken);
    }
}
