using System.Text.Json;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_without_a_dataset_runs_the_pipeline_on_the_demo_dataset_to_a_report()
    {
        using var dir = new TempDirectory();

        var result = await CliProcess.RunAsync("run", "--output", dir.Path, "--id", "demo-run", "--threads", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = dir["store/runs/demo-run/report/report.html"];
        Assert.Equal($"report: {report}", result.LastLine);
        Assert.True(File.Exists(report));
        using var manifest = JsonDocument.Parse(File.ReadAllText(dir["store/runs/demo-run/manifest.json"]));
        var ndcg = manifest.RootElement.GetProperty("models").EnumerateArray().ToDictionary(
            m => m.GetProperty("slug").GetString()!,
            m => m.GetProperty("result").GetProperty("metrics").GetProperty("NDCG@20").GetDouble());
        Assert.Equal(["popularity", "vsknn-p1", "llmseqsim", "sknnemb"], ndcg.Keys);
        Assert.All(ndcg.Values, v => Assert.InRange(v, 0.001, 1));
        // Demo sessions mostly stay within a brand or category, which session neighbours pick up and popularity cannot.
        Assert.True(ndcg["vsknn-p1"] > ndcg["popularity"], $"V-SKNN {ndcg["vsknn-p1"]:F4} vs popularity {ndcg["popularity"]:F4}");
        Assert.Contains("| vsknn-p1 |", File.ReadAllText(dir["store/runs/demo-run/report/report.md"]), StringComparison.Ordinal);
        Assert.Contains("[pipeline] done 100%", result.Error, StringComparison.Ordinal);
        Assert.Single(Directory.GetDirectories(dir["store/embeddings"]));
    }

    [Fact]
    public async Task Run_rejects_a_bad_model_list_with_the_field()
    {
        using var dir = new TempDirectory();

        var result = await CliProcess.RunAsync("run", "--output", dir.Path, "--models", "popularity", "nosuchmodel");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.models[1].name", result.Error, StringComparison.Ordinal);
    }
}
