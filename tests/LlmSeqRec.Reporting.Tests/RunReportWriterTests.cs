using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Reporting.Tests;

public class RunReportWriterTests
{
    [Fact]
    public async Task WritesTheThreeDocumentsAndNoTemporaryFiles()
    {
        using var temp = new TempDirectory();
        var folder = temp["reports/run-1"];
        var writer = new RunReportWriter(400, 200);

        var written = await writer.WriteAsync(SampleReports.Beauty(), folder);

        Assert.Equal(
            [RunReportWriter.HtmlFileName, RunReportWriter.JsonFileName, RunReportWriter.MarkdownFileName],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(written.Html, await File.ReadAllTextAsync(Path.Combine(folder, RunReportWriter.HtmlFileName)));
        Assert.Equal(written.Markdown, await File.ReadAllTextAsync(Path.Combine(folder, RunReportWriter.MarkdownFileName)));
        Assert.Equal(written.Json, await File.ReadAllTextAsync(Path.Combine(folder, RunReportWriter.JsonFileName)));
        Assert.Equal(writer.Render(SampleReports.Beauty()).Json, written.Json);
    }

    [Fact]
    public async Task ReplacesAnEarlierReport()
    {
        using var temp = new TempDirectory();
        var writer = new RunReportWriter(400, 200);
        await writer.WriteAsync(SampleReports.Beauty(), temp.Path);

        await writer.WriteAsync(SampleReports.Beauty() with { RunId = "second" }, temp.Path);

        Assert.Equal("second", RunReportJson.Read(await File.ReadAllTextAsync(temp[RunReportWriter.JsonFileName])).RunId);
        Assert.Equal(3, Directory.GetFiles(temp.Path).Length);
    }

    [Fact]
    public void RejectsTinyCharts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunReportWriter(10, 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunReportWriter(400, 10));
    }
}
