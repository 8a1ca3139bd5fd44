using System.Text.Json;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_without_a_dataset_uses_the_demo_dataset_and_writes_the_results()
    {
        using var dir = new TempDirectory();

        var result = await CliProcess.RunAsync("run", "--output", dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"report: {dir["results.md"]}", result.LastLine);
        using var json = JsonDocument.Parse(File.ReadAllText(dir["results.json"]));
        var model = Assert.Single(json.RootElement.GetProperty("models").EnumerateArray());
        Assert.Equal("Popularity", model.GetProperty("model").GetString());
        var ndcg = model.GetProperty("result").GetProperty("metrics").GetProperty("NDCG@20").GetDouble();
        Assert.InRange(ndcg, 0.001, 1);
        Assert.Contains("| Popularity |", File.ReadAllText(dir["results.md"]));
        Assert.True(File.Exists(dir["dataset/manifest.json"]));
    }
}
