using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmSeqRec.Reporting.Tests;

public class RunReportJsonTests
{
    [Fact]
    public void HoldsTheNumbersInCamelCase()
    {
        var json = JsonNode.Parse(RunReportJson.Write(SampleReports.Beauty()))!;

        Assert.Equal(RunReportJson.Format, (string?)json["format"]);
        Assert.Equal("run-20261125-1403", (string?)json["runId"]);
        Assert.Equal("amazon-beauty", (string?)json["datasetName"]);
        Assert.Equal("bdfa1e8", (string?)json["codeVersion"]);
        Assert.Equal(SampleReports.CreatedAt, json["createdAt"]!.GetValue<DateTimeOffset>());
        var vsknn = json["models"]![0]!;
        Assert.Equal("vsknn:p1", (string?)vsknn["model"]);
        Assert.Equal("completed", (string?)vsknn["status"]);
        Assert.Equal(0.048312, (double)vsknn["metrics"]!["NDCG@20"]!);
        Assert.Equal(12.5, (double)vsknn["fitSeconds"]!);
        Assert.Equal("3-4", (string?)vsknn["hitRateByLength"]![2]!["label"]);
        Assert.Equal(8, json["models"]![3]!["trainingCurve"]!.AsArray().Count);
        Assert.Equal("worker timed out after 3 attempts", (string?)json["models"]![4]!["error"]);
        Assert.True((bool)json["promotion"]!["promoted"]!);
        Assert.Equal(470.5, (double)json["timings"]![2]!["seconds"]!);
    }

    [Fact]
    public void HasThePaperRowsForBeautyOnly()
    {
        var beauty = JsonNode.Parse(RunReportJson.Write(SampleReports.Beauty()))!;
        Assert.True((bool)beauty["showsPaper"]!);
        Assert.Equal(0.047453, (double)beauty["models"]![0]!["paper"]!["metrics"]!["NDCG@20"]!);
        Assert.Equal("V-SKNN", (string?)beauty["models"]![0]!["paper"]!["paperModel"]);

        var other = JsonNode.Parse(RunReportJson.Write(SampleReports.Beauty("demo")))!;
        Assert.False((bool)other["showsPaper"]!);
        Assert.All(other["models"]!.AsArray(), m => Assert.Null(m!["paper"]));
        Assert.DoesNotContain("0.047453", other.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheFlagOverridesTheDatasetName()
    {
        var forced = JsonNode.Parse(RunReportJson.Write(SampleReports.Beauty("my-beauty-copy") with { ComparePaper = true }))!;
        var suppressed = JsonNode.Parse(RunReportJson.Write(SampleReports.Beauty() with { ComparePaper = false }))!;

        Assert.NotNull(forced["models"]![0]!["paper"]);
        Assert.Null(suppressed["models"]![0]!["paper"]);
    }

    [Fact]
    public void IsStableAndReadsBack()
    {
        var report = SampleReports.Beauty();
        var shuffled = report with
        {
            Models = [.. report.Models.Select(m => m with { Metrics = m.Metrics.Reverse().ToDictionary() })],
        };

        var text = RunReportJson.Write(report);
        Assert.Equal(text, RunReportJson.Write(shuffled));
        var back = RunReportJson.Read(text);
        Assert.Equal(text, RunReportJson.Write(back));
        Assert.Equal(report.CreatedAt, back.CreatedAt);
        Assert.Equal(0.048312, back.Models[0].Metrics["NDCG@20"]);
        Assert.Null(back.Models[4].FitSeconds);

        var keys = JsonNode.Parse(text)!["models"]![0]!["metrics"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Equal(["NDCG@10", "HitRate@10", "MRR@10", "CatalogCoverage@10", "Serendipity@10", "Novelty@10", "NDCG@20"], keys[..7]);
    }

    [Fact]
    public void RefusesOtherDocuments() =>
        Assert.Throws<JsonException>(() => RunReportJson.Read("""{"format": "something-else"}"""));
}
