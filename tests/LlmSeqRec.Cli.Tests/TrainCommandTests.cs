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
            "--seed", "1", "--checkpoints", dir["checkpoints"], "--output", dir["model"], "--json"];

        var first = await CliProcess.RunAsync(args);
        var second = await CliProcess.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("epoch 1: loss", first.Error);
        Assert.Contains("epoch 2: loss", first.Error);
        using var json = JsonDocument.Parse(first.LastLine);
        Assert.Equal(SmallDataset.TestCases, json.RootElement.GetProperty("sessions").GetInt32());
        Assert.True(json.RootElement.GetProperty("metrics").TryGetProperty("NDCG@20", out _));
        Assert.True(File.Exists(dir["checkpoints/checkpoint.bin"]));
        Assert.Contains("model artifact: " + dir["model"], first.Error);
        Assert.True(File.Exists(dir["model/model.json"]) && File.Exists(dir["model/weights.bin"]));

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("resuming after epoch 2", second.Error);
        Assert.Equal(first.LastLine, second.LastLine);
    }

    [Fact]
    public async Task Llm2sasrec_takes_its_item_vectors_from_a_given_embeddings_artifact_that_must_cover_the_catalog()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);
        var model = new Embeddings.EmbeddingModelId("azure-openai", "text-embedding-3-small", 8);
        var store = new Embeddings.EmbeddingStore(dir["embeddings"]);
        var ids = Enumerable.Range(0, 8).Select(i => $"i{i}").ToArray();
        var values = Enumerable.Range(0, 64).Select(v => (float)Math.Sin(v)).ToArray();
        store.Write("all", new Embeddings.EmbeddingMatrix(model, ids, values, 0), "title");
        store.Write("partial", new Embeddings.EmbeddingMatrix(model, ids[..7], values[..56], 0), "title");
        string[] Args(string key) => ["train", "--dataset", dir.Path, "--k-core", "0", "--model", "llm2sasrec", "--config", TinySasRec,
            "--epochs", "1", "--embeddings", store.FolderOf(key), "--output", dir["model-" + key], "--json"];

        var given = await CliProcess.RunAsync(Args("all"));
        var partial = await CliProcess.RunAsync(Args("partial"));

        Assert.True(given.ExitCode == 0, given.ToString());
        Assert.Contains($"item embeddings: {store.FolderOf("all")} (given)", given.Error);
        Assert.DoesNotContain("texts in", given.Error);
        Assert.NotEqual(0, partial.ExitCode);
        Assert.Contains("'i7'", partial.Error);
    }
}
