using System.Text.Json;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

public sealed class EmbedCommandTests
{
    [Fact]
    public async Task Embed_writes_an_artifact_and_a_second_run_reuses_it()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir["data"]);
        string[] args = ["embed", "--dataset", dir["data"], "--k-core", "0", "--output", dir["embeddings"], "--threads", "1", "--json"];

        var first = await CliProcess.RunAsync(args);
        var second = await CliProcess.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        using var a = JsonDocument.Parse(first.LastLine);
        using var b = JsonDocument.Parse(second.LastLine);
        Assert.False(a.RootElement.GetProperty("fromCache").GetBoolean());
        Assert.Equal(8, a.RootElement.GetProperty("textsEmbedded").GetInt32());
        Assert.Equal(8, a.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(384, a.RootElement.GetProperty("model").GetProperty("dimensions").GetInt32());
        Assert.True(b.RootElement.GetProperty("fromCache").GetBoolean());
        Assert.Equal(0, b.RootElement.GetProperty("textsEmbedded").GetInt32());
        var folder = a.RootElement.GetProperty("folder").GetString()!;
        Assert.Equal(folder, b.RootElement.GetProperty("folder").GetString());
        Assert.Equal(8L * 384 * sizeof(float), new FileInfo(Path.Combine(folder, "vectors.f32")).Length);
        Assert.Single(Directory.GetDirectories(dir["embeddings"]));
    }

    [Fact]
    public async Task Unknown_provider_is_refused_with_the_choices()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);

        var result = await CliProcess.RunAsync("embed", "--dataset", dir.Path, "--output", dir["e"], "--provider", "word2vec");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("word2vec", result.Stderr + result.Stdout);
        Assert.Contains("azure-openai", result.Stderr + result.Stdout);
    }
}
