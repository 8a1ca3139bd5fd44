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
        Assert.Contains("word2vec", result.Error + result.Output);
        Assert.Contains("azure-openai", result.Error + result.Output);
    }
}

/// <summary>The embed command against a local OpenAI-compatible server, through the real Azure OpenAI client.</summary>
public sealed class EmbedAzureOpenAiCommandTests
{
    [Fact]
    public async Task Azure_openai_provider_embeds_with_the_key_from_the_environment()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir["data"]);
        await using var server = new OpenAiCompatibleServer();

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["AZURE_OPENAI_API_KEY"] = "test-key" },
            "embed", "--dataset", dir["data"], "--k-core", "0", "--output", dir["embeddings"], "--json",
            "--provider", "azure-openai", "--azure-endpoint", server.Endpoint.ToString(), "--azure-deployment", "emb",
            "--azure-model", "text-embedding-3-small", "--dimensions", "64");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.LastLine);
        var model = json.RootElement.GetProperty("model");
        Assert.Equal("azure-openai", model.GetProperty("provider").GetString());
        Assert.Equal(64, model.GetProperty("dimensions").GetInt32());
        Assert.Equal(8, json.RootElement.GetProperty("textsEmbedded").GetInt32());
        Assert.NotEmpty(server.Requests);
        Assert.Contains("prompt tokens", result.Error);
        var vectors = File.ReadAllBytes(Path.Combine(json.RootElement.GetProperty("folder").GetString()!, "vectors.f32"));
        Assert.Equal(OpenAiCompatibleServer.VectorFor("Item 0, size 0", 64), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(vectors)[..64].ToArray());
    }

    [Fact]
    public async Task Azure_openai_without_an_endpoint_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["AZURE_OPENAI_ENDPOINT"] = "" },
            "embed", "--dataset", dir.Path, "--k-core", "0", "--output", dir["e"], "--provider", "azure-openai", "--azure-deployment", "emb");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--azure-endpoint", result.Error);
    }
}
