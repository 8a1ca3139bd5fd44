using System.Text.Json;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

public sealed class TrainCommandTests
{
    private const string TinySasRec = "{\"embeddingDim\": 8, \"batchSize\": 4}";

    [Fact]
    public async Task Sasrec_trains_prints_epoch_lines_and_the_metrics_json_then_resumes_from_its_checkpoint()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);
        string[] args = ["train", "--dataset", dir.Path, "--k-core", "0", "--model", "sasrec", "--config", TinySasRec, "--epochs", "2",
            "--seed", "1", "--checkpoints", dir["checkpoints"], "--json"];

        var first = await CliProcess.RunAsync(args);
        var second = await CliProcess.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("epoch 1: loss", first.Stderr);
        Assert.Contains("epoch 2: loss", first.Stderr);
        using var json = JsonDocument.Parse(first.LastLine);
        Assert.Equal(SmallDataset.TestCases, json.RootElement.GetProperty("sessions").GetInt32());
        Assert.True(json.RootElement.GetProperty("metrics").TryGetProperty("NDCG@20", out _));
        Assert.True(File.Exists(dir["checkpoints/checkpoint.bin"]));

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("resuming after epoch 2", second.Stderr);
        Assert.Equal(first.LastLine, second.LastLine);
    }
}
