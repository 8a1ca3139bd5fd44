using System.Text.RegularExpressions;
using SkiaSharp;

namespace LlmSeqRec.Reporting.Tests;

public partial class HtmlReportTests
{
    private const int Width = 640;
    private const int Height = 300;
    private static readonly RunReportWriter Writer = new(Width, Height);

    [GeneratedRegex("<figure id=\"(?<id>[a-z-]+)\"><img alt=\"[^\"]*\" src=\"data:image/png;base64,(?<png>[A-Za-z0-9+/=]+)\">")]
    private static partial Regex Figure();

    private static Dictionary<string, byte[]> Charts(string html) =>
        Figure().Matches(html).ToDictionary(m => m.Groups["id"].Value, m => Convert.FromBase64String(m.Groups["png"].Value));

    [Fact]
    public void EscapesEveryTextFromTheReport()
    {
        var report = SampleReports.Beauty() with
        {
            RunId = "run\"><img src=x onerror=alert(1)>",
            Models =
            [
                ModelReport.Completed("<script>alert('x')</script>", SampleReports.Metrics(0.01, 0.02, 0.03, 0.04)),
                ModelReport.Failed("bert4rec", "bad <b>input</b> & more"),
            ],
            Artifacts = [new ArtifactLink("evil", "javascript:alert(1)"), new ArtifactLink("tab", "java\tscript:alert(1)"), new ArtifactLink("<i>ok</i>", "runs/a b/x.csv")],
        };

        var html = Writer.Render(report).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("run&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("bad &lt;b&gt;input&lt;/b&gt; &amp; more", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"java", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"runs/a b/x.csv\">&lt;i&gt;ok&lt;/i&gt;</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void IsSelfContained()
    {
        var html = Writer.Render(SampleReports.Beauty()).Html;

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderAndTablesHoldTheNumbersWithTheBestHighlighted()
    {
        var html = Writer.Render(SampleReports.Beauty()).Html;

        Assert.Contains("<h1>Run report <span class=\"id\">run-20261125-1403</span></h1>", html, StringComparison.Ordinal);
        Assert.Contains("<code>sha256:3f5a9c0d1e2b4a6f8e7d9c1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f</code>", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-25 14:03:07 +00:00", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>llmseqsim</td><td class=\"best\">0.0430</td><td class=\"paper\">0.0440</td>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<tr><td>vsknn:p1</td><td>0.0412</td><td class=\"paper\">0.0415</td><td class=\"best\">0.0701</td><td class=\"paper\">0.0709</td>",
            html,
            StringComparison.Ordinal);
    }

    [Fact]
    public void PaperColumnsForBeautyOnly()
    {
        var beauty = Writer.Render(SampleReports.Beauty()).Html;
        var demo = Writer.Render(SampleReports.Beauty("demo")).Html;

        Assert.Contains("<td class=\"best\">0.0483</td><td class=\"paper\">0.0475</td>", beauty, StringComparison.Ordinal);
        Assert.Contains("<th class=\"paper\">paper</th>", beauty, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"paper\"", demo, StringComparison.Ordinal);
        Assert.Contains("<td class=\"best\">0.0483</td><td class=\"best\">0.0956</td>", demo, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedAndUnavailableModelsShowTheirMessageAcrossTheRow()
    {
        var html = Writer.Render(SampleReports.Beauty()).Html;

        Assert.Contains(
            "<tr><td>bert4rec</td><td class=\"message\" colspan=\"12\"><span class=\"badge failed\">failed</span>worker timed out after 3 attempts</td></tr>",
            html,
            StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge unavailable\">not available</span>no GPU worker in this deployment</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ChartsAreEmbeddedPngsOfTheRequestedSizeAndNotBlank()
    {
        var charts = Charts(Writer.Render(SampleReports.Beauty()).Html);

        Assert.Equal(["chart-metrics", "chart-length", "chart-validation", "chart-loss"], charts.Keys);
        foreach (var (id, png) in charts)
        {
            var image = ImageStatistics.Decode(png);
            Assert.Equal((Width, Height), (image.Width, image.Height));
            Assert.True(image.Variance > 100, $"{id}: grey-level variance {image.Variance:F1}");
            Assert.True(image.NonBackgroundFraction > 0.03, $"{id}: {image.NonBackgroundFraction:P1} non-background pixels");
        }

        // The bars really are there: the NDCG@20 and HitRate@20 shades fill visible areas.
        var metrics = ImageStatistics.Decode(charts["chart-metrics"]);
        Assert.True(metrics.CountNear(SKColor.Parse("#3182bd"), 4) > 500);
        Assert.True(metrics.CountNear(SKColor.Parse("#e6550d"), 4) > 500);
    }

    [Fact]
    public void NoChartsWithoutCompletedModelsAndNoTrainingChartsWithoutCurves()
    {
        var report = SampleReports.Beauty("demo");
        var noCurves = Charts(Writer.Render(report with { Models = [.. report.Models.Where(m => m.TrainingCurve.Count == 0)] }).Html);
        var nothing = Writer.Render(report with { Models = [ModelReport.Failed("x", "boom")] }).Html;

        Assert.Equal(["chart-metrics", "chart-length"], noCurves.Keys);
        Assert.Empty(Charts(nothing));
        Assert.Contains("Nothing to plot: no model completed.", nothing, StringComparison.Ordinal);
    }
}
