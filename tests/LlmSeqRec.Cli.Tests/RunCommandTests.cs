using System.Text.Json;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_without_a_dataset_uses_the_demo_dataset_and_writes_the_results()
    {
        using var dir = new TempDirectory();

        var result = await CliProcess.RunAsync("run", "--output", dir.Path, "--embeddings-store", dir["embeddings"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"report: {dir["results.md"]}", result.LastLine);
        using var json = JsonDocument.Parse(File.ReadAllText(dir["results.json"]));
        var ndcg = json.RootElement.GetProperty("models").EnumerateArray().ToDictionary(
            m => m.GetProperty("model").GetString()!,
            m => m.GetProperty("result").GetProperty("metrics").GetProperty("NDCG@20").GetDouble());
        Assert.Equal(["Popularity", "V-SKNN", "LLMSeqSim", "SKNNEmb"], ndcg.Keys);
        Assert.All(ndcg.Values, v => Assert.InRange(v, 0.001, 1));
        // Demo sessions mostly stay within a brand or category, which session neighbours pick up and popularity cannot.
        Assert.True(ndcg["V-SKNN"] > ndcg["Popularity"], $"V-SKNN {ndcg["V-SKNN"]:F4} vs popularity {ndcg["Popularity"]:F4}");
        Assert.Contains("| Popularity |", File.ReadAllText(dir["results.md"]));
        Assert.True(File.Exists(dir["dataset/manifest.json"]));
        Assert.Single(Directory.GetDirectories(dir["embeddings"]));
    }
}
