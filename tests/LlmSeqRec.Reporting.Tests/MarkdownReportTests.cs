using LlmSeqRec.Data;
using LlmSeqRec.Evaluation;

namespace LlmSeqRec.Reporting.Tests;

public class MarkdownReportTests
{
    private static readonly RunReportWriter Writer = new(400, 200);

    private static string[] Row(string markdown, string section, string model)
    {
        var start = markdown.IndexOf(section, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {section}");
        var line = markdown[start..].Split('\n').First(l => l.StartsWith($"| {model} |", StringComparison.Ordinal));
        return line.Split('|', StringSplitOptions.TrimEntries)[1..^1];
    }

    [Fact]
    public void HeaderNamesTheRun()
    {
        var md = Writer.Render(SampleReports.Beauty()).Markdown;

        Assert.StartsWith("# Run report `run-20261125-1403`", md, StringComparison.Ordinal);
        Assert.Contains("| dataset | amazon-beauty |", md, StringComparison.Ordinal);
        Assert.Contains("`sha256:3f5a9c0d1e2b4a6f8e7d9c1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f`", md, StringComparison.Ordinal);
        Assert.Contains("| created | 2026-11-25 14:03:07 +00:00 |", md, StringComparison.Ordinal);
        Assert.Contains("| code version | `bdfa1e8` |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void TablesPerCutoffHoldOurNumbersAndThePapersForBeauty()
    {
        var md = Writer.Render(SampleReports.Beauty()).Markdown;

        // NDCG@20, paper, HitRate@20, paper, ...: V-SKNN is the best NDCG@20 (bold); the paper's V-SKNN row beside it.
        var vsknn20 = Row(md, "## Metrics @20", "vsknn:p1");
        Assert.Equal(["vsknn:p1", "**0.0483**", "0.0475", "**0.0956**", "0.0947"], vsknn20[..5]);
        var vsknn10 = Row(md, "## Metrics @10", "vsknn:p1");
        Assert.Equal(["vsknn:p1", "0.0412", "0.0415", "**0.0701**", "0.0709"], vsknn10[..5]);
        var llmseqsim10 = Row(md, "## Metrics @10", "llmseqsim");
        Assert.Equal("**0.0430**", llmseqsim10[1]);
        Assert.Equal("**13.800**", llmseqsim10[11]);
        Assert.Contains("| model | NDCG@20 | NDCG@20 (paper) | HitRate@20 | HitRate@20 (paper) | MRR@20 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherDatasetsHaveNoPaperColumns()
    {
        var md = Writer.Render(SampleReports.Beauty("demo")).Markdown;

        Assert.DoesNotContain("(paper)", md, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0475", md, StringComparison.Ordinal);
        Assert.Equal(["vsknn:p1", "**0.0483**", "**0.0956**"], Row(md, "## Metrics @20", "vsknn:p1")[..3]);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("amazon-beauty")]
    public void ModelsWithoutScoresShowTheirMessageNotNumbers(string dataset)
    {
        var md = Writer.Render(SampleReports.Beauty(dataset)).Markdown;

        var failed = Row(md, "## Metrics @20", "bert4rec");
        Assert.Equal("failed: worker timed out after 3 attempts", failed[1]);
        Assert.All(failed[2..], cell => Assert.Equal("", cell));
        Assert.Equal("not available: no GPU worker in this deployment", Row(md, "## Metrics @10", "llm2bert4rec")[1]);
    }

    [Fact]
    public void HasPromotionLengthsTrainingTimingsAndArtifacts()
    {
        var md = Writer.Render(SampleReports.Beauty()).Markdown;

        Assert.Contains("**Promoted**: vsknn:p1 on NDCG@20 0.0483 vs champion 0.0465 (margin 0.0010).", md, StringComparison.Ordinal);
        Assert.Equal(["cases", "900", "700", "1000", "1200", "669"], Row(md, "## Hit rate by session length @20", "cases"));
        Assert.Equal(["sasrec", "8", "0.0340", "8", "4.1250", "356.0"], Row(md, "## Training", "sasrec"));
        Assert.Equal(["**total**", "**627.7**"], Row(md, "## Timings", "**total**"));
        Assert.Contains("- [dataset](<datasets/3f5a9c0d/>)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapesTableBreakingText()
    {
        var report = SampleReports.Beauty() with
        {
            Models = [ModelReport.Failed("a|b", "line one\nline | two <b>")],
        };

        var md = Writer.Render(report).Markdown;

        Assert.Contains(@"| a\|b | failed: line one line \| two &lt;b&gt; |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void LengthBucketsFromTheEvaluatorShowInTheTable()
    {
        // Prompts of length 1, 1 and 5; the first and the third are hits at 20.
        EvaluationCase[] cases = [new(0, [1], [7]), new(1, [2], [7]), new(2, [1, 2, 3, 4, 5], [7])];
        var breakdown = SessionLengthBreakdown.Compute(cases, [[7], [1], [3, 7]], 20);
        var buckets = breakdown.Buckets.Select(b => new LengthBucket(b.Label, b.MinLength, b.MaxLength, b.Cases, b.HitRate)).ToArray();
        var report = SampleReports.Beauty("demo") with
        {
            Models = [ModelReport.Completed("popularity", SampleReports.Metrics(0.1, 0.2, 0.3, 0.4), hitRateByLength: buckets)],
        };

        var md = Writer.Render(report).Markdown;

        Assert.Contains("| prompt length | 1 | 2 | 3 | 4 | 5-6 | 7-9 | 10-19 | 20+ |", md, StringComparison.Ordinal);
        Assert.Equal(["cases", "2", "0", "0", "0", "1", "0", "0", "0"], Row(md, "## Hit rate by session length @20", "cases"));
        Assert.Equal(["popularity", "0.5000", "–", "–", "–", "1.0000", "–", "–", "–"], Row(md, "## Hit rate by session length @20", "popularity"));
    }
}
