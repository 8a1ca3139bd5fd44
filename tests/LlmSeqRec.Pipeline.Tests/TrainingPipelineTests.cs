using System.Text.Json;
using LlmSeqRec.Pipeline.Activities;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Orchestration;
using LlmSeqRec.TestSupport;
using Microsoft.DurableTask.Client;

namespace LlmSeqRec.Pipeline.Tests;

public sealed class TrainingPipelineTests
{
    private const string DemoWithEmbeddings = """
        { "dataset": { "source": "demo" }, "embedding": { "batchSize": 150 },
          "models": [ { "name": "popularity" }, { "name": "llmseqsim" } ] }
        """;

    [Fact]
    public async Task A_run_goes_through_every_stage_in_order_and_leaves_its_artifacts()
    {
        await using var host = await PipelineTestHost.StartAsync();

        var run = await host.RunToEndAsync(DemoWithEmbeddings, "run-1");

        Assert.Equal("Completed", run.Status);
        Assert.Equal(PipelineStages.Done, run.Progress!.Stage);
        Assert.Equal(100, run.Progress.Percent);
        var outcome = run.Outcome!;
        Assert.All(outcome.Models, m => Assert.Equal(ModelState.Completed, m.State));
        Assert.All(outcome.Models, m => Assert.InRange(m.Result!.Metrics["NDCG@20"], 1e-6, 1));
        Assert.Equal(["popularity", "llmseqsim"], outcome.Models.Select(m => m.Slug));

        // Stage order, from the run manifest's timings.
        var manifest = await host.Services.GetStorage().ReadJsonAsync<RunRecord>(ArtifactLayout.RunManifest("run-1"));
        Assert.Equal(
            [PipelineStages.Ingest, PipelineStages.Split, PipelineStages.Embed, PipelineStages.Models, PipelineStages.Promote, PipelineStages.Report],
            manifest!.Timings.Select(t => t.Stage));

        // Fan-out: the embedding batches are separate parts, the models separate sub-orchestrations.
        var parts = Directory.GetFiles(Path.Combine(host.StoreRoot, "embeddings", outcome.Models[1].Result!.EmbeddingsKey!, "parts"));
        Assert.True(parts.Length >= 3, $"{parts.Length} embedding parts");
        var sub = await host.Client.GetInstanceAsync("run-1-llmseqsim");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, sub!.RuntimeStatus);

        // Artifacts a person can browse, and a report that names the models.
        Assert.True(File.Exists(Path.Combine(host.StoreRoot, ArtifactLayout.Dataset(outcome.Dataset.ContentHash), ArtifactLayout.CommitMarker)));
        var html = await File.ReadAllTextAsync(Path.Combine(host.StoreRoot, "runs", "run-1", "report", "report.html"));
        Assert.Contains("llmseqsim", html, StringComparison.Ordinal);
        Assert.True(outcome.Promotion.Promoted);
        Assert.Equal(outcome.Models.MaxBy(m => m.Result!.Metrics["NDCG@20"])!.Slug, outcome.Promotion.Candidate);
        var report = await host.Runs.ReportAsync("run-1", "md");
        Assert.NotNull(report);
        await report.Value.Content.DisposeAsync();
    }

    [Fact]
    public async Task A_second_run_reuses_every_finished_stage_and_model()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var first = await host.RunToEndAsync("""{ "dataset": { "source": "demo" }, "models": [ { "name": "popularity" } ] }""", "first");
        var popularity = Path.Combine(host.StoreRoot, ArtifactLayout.ModelResult(first.Outcome!.Models[0].Result!.ResultHash));
        var written = File.GetLastWriteTimeUtc(popularity);

        var second = await host.RunToEndAsync("""{ "dataset": { "source": "demo" }, "models": [ { "name": "popularity" }, { "name": "vsknn" } ] }""", "second");

        Assert.Equal("Completed", second.Status);
        Assert.Equal([ModelState.Reused, ModelState.Completed], second.Outcome!.Models.Select(m => m.State));
        Assert.Equal(first.Outcome.Dataset, second.Outcome.Dataset);
        Assert.Equal(written, File.GetLastWriteTimeUtc(popularity));
        Assert.Single(Directory.GetDirectories(Path.Combine(host.StoreRoot, "sources")));
        Assert.Single(Directory.GetDirectories(Path.Combine(host.StoreRoot, "datasets")));
    }

    [Fact]
    public async Task The_champion_changes_only_when_beaten_by_the_margin()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var first = await host.RunToEndAsync("""{ "dataset": { "source": "demo" }, "models": [ { "name": "popularity" } ] }""", "c1");
        Assert.True(first.Outcome!.Promotion.Promoted);
        var championScore = first.Outcome.Promotion.CandidateScore;

        var same = await host.RunToEndAsync("""{ "dataset": { "source": "demo" }, "models": [ { "name": "popularity" } ], "gate": { "margin": 0.001 } }""", "c2");
        Assert.False(same.Outcome!.Promotion.Promoted);
        Assert.Equal(championScore, same.Outcome.Promotion.ChampionScore);

        var challenger = await host.RunToEndAsync("""{ "dataset": { "source": "demo" }, "models": [ { "name": "vsknn" } ], "gate": { "margin": 0.0 } }""", "c3");
        var decision = challenger.Outcome!.Promotion;
        Assert.Equal(decision.CandidateScore >= championScore, decision.Promoted);
        var champion = JsonSerializer.Deserialize<Champion>(
            await File.ReadAllTextAsync(Path.Combine(host.StoreRoot, ArtifactLayout.Champion("demo"))), PipelineStorage.JsonOptions)!;
        Assert.Equal(decision.Promoted ? "c3" : "c1", champion.RunId);
    }

    [Fact]
    public async Task Bad_input_fails_the_run_with_the_file_and_line()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var folder = Path.GetFullPath(Path.Combine(host.StoreRoot, "..", "bad-input"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "items.csv"), "ItemId,Title\n1,One\n2,Two\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "interactions.csv"), "SessionId,ItemId,Timestamp\n1,1,100\n1,2,yesterday\n");

        var run = await host.RunToEndAsync(JsonSerializer.Serialize(new { dataset = new { source = folder, kCore = 0 }, models = new[] { new { name = "popularity" } } }));

        Assert.Equal("Failed", run.Status);
        Assert.Contains($"{folder}/interactions.csv:3: timestamp 'yesterday'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_that_is_not_available_yet_is_reported_as_such_and_the_run_goes_on()
    {
        await using var host = await PipelineTestHost.StartAsync();

        var run = await host.RunToEndAsync("""{ "dataset": { "source": "demo" }, "models": [ { "name": "llmseqprompt" }, { "name": "popularity" } ] }""", "planned");

        Assert.Equal("Completed", run.Status);
        var prompt = run.Outcome!.Models[0];
        Assert.Equal((ModelState.NotAvailable, null), (prompt.State, prompt.Result));
        Assert.Contains("not available", prompt.Error, StringComparison.Ordinal);
        Assert.Equal("not available", run.Progress!.Models["llmseqprompt"]);
        Assert.Equal("popularity", run.Outcome.Promotion.Candidate);
        var markdown = await File.ReadAllTextAsync(Path.Combine(host.StoreRoot, "runs", "planned", "report", "report.md"));
        Assert.Contains("not available", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_id_is_never_reused()
    {
        await using var host = await PipelineTestHost.StartAsync();
        await host.RunToEndAsync("""{ "dataset": { "source": "demo" }, "models": [ { "name": "popularity" } ] }""", "once");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Runs.StartAsync("""{ "dataset": { "source": "demo" } }""", "once"));

        Assert.Contains("'once' is taken", error.Message, StringComparison.Ordinal);
    }
}
