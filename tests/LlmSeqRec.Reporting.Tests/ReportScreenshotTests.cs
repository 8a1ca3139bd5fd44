using LlmSeqRec.TestSupport;
using SkiaSharp;

namespace LlmSeqRec.Reporting.Tests;

public class ReportScreenshotTests
{
    private const int Width = 1280;
    private const int Height = 2000;

    [ChromiumFact]
    public async Task ChromiumRendersTheReportPage()
    {
        using var temp = new TempDirectory();
        var folder = temp["report"];
        await new RunReportWriter().WriteAsync(SampleReports.Beauty(), folder);
        var png = temp["screenshot.png"];

        await Chromium.ScreenshotAsync(Path.Combine(folder, RunReportWriter.HtmlFileName), png, Width, Height, temp["profile"], TimeSpan.FromSeconds(180));

        var shot = ImageStatistics.Decode(await File.ReadAllBytesAsync(png));
        Assert.Equal((Width, Height), (shot.Width, shot.Height));
        Assert.True(shot.Variance > 200, $"grey-level variance {shot.Variance:F1}: a blank page?");
        Assert.True(shot.NonBackgroundFraction > 0.05, $"{shot.NonBackgroundFraction:P1} non-background pixels");
        // The page's CSS applied (the blue header band) and the embedded bar chart drawn (its NDCG@20 shade).
        Assert.True(shot.CountNear(SKColor.Parse("#1d4ed8"), 24) > 1000, "no header band");
        Assert.True(shot.CountNear(SKColor.Parse("#3182bd"), 8) > 500, "no bar chart");
    }
}
