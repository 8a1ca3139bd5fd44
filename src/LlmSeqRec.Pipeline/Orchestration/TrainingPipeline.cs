using LlmSeqRec.Models;
using LlmSeqRec.Pipeline.Activities;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Specification;
using LlmSeqRec.Reporting;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Orchestration;

/// <summary>What a finished pipeline run returns: its models' outcomes, the promotion decision and the report and manifest links.</summary>
public sealed record PipelineOutcome(
    string RunId, DatasetRef Dataset, IReadOnlyList<ModelOutcome> Models, PromotionDecision Promotion, ReportRef Report, string ManifestUrl);

/// <summary>
/// The training pipeline: ingest → split → embed (fan-out over batches) → one <see cref="ModelRunOrchestration"/>
/// per model (fan-out) → promote → report. Each stage passes an artifact reference to the next, and every stage
/// skips work whose output exists for the same inputs, so re-running a failed run resumes it. The input is a
/// spec already validated by <see cref="PipelineSpecReader"/> (the HTTP starters do that).
/// </summary>
public sealed class TrainingPipeline : TaskOrchestrator<PipelineSpec, PipelineOutcome>
{
    /// <summary>The instance id of a model's sub-orchestration in run <paramref name="runId"/>.</summary>
    public static string ModelRunId(string runId, string slug) => $"{runId}-{slug}";

    /// <inheritdoc />
    public override async Task<PipelineOutcome> RunAsync(TaskOrchestrationContext context, PipelineSpec input)
    {
        var spec = input;
        var models = spec.Models ?? PipelineSpecReader.DefaultModels;
        var progress = new PipelineProgress(context, models.Select(m => m.Slug));
        var timings = new StageClock(context);

        timings.Start(PipelineStages.Ingest, progress);
        var source = await context.CallActivityAsync<SourceRef>(nameof(IngestSourceActivity), spec.Dataset, PipelineRetries.Activities);

        timings.Start(PipelineStages.Split, progress);
        var dataset = await context.CallActivityAsync<DatasetRef>(nameof(SplitDatasetActivity), new SplitInput(source, spec.Dataset), PipelineRetries.Activities);
        progress.Link("dataset", dataset.Url);

        EmbeddingsRef? embeddings = null;
        if (models.Any(m => ModelRegistry.NeedsEmbeddings(m.Name)))
        {
            timings.Start(PipelineStages.Embed, progress);
            embeddings = await EmbedAsync(context, new EmbeddingInput(dataset, spec.Embedding ?? new EmbeddingSpec()), progress);
            progress.Link("embeddings", embeddings.Url);
        }

        timings.Start(PipelineStages.Models, progress);
        var outcomes = await RunModelsAsync(context, spec, models, dataset, embeddings, progress);

        timings.Start(PipelineStages.Promote, progress);
        var promotion = await context.CallActivityAsync<PromotionDecision>(
            nameof(PromoteChampionActivity), new PromotionInput(context.InstanceId, dataset, spec.Gate ?? new PromotionGate(), outcomes), PipelineRetries.Activities);

        timings.Start(PipelineStages.Report, progress);
        var report = await context.CallActivityAsync<ReportRef>(
            nameof(WriteReportActivity), new ReportInput(context.InstanceId, dataset, spec.Cutoffs ?? [10, 20], outcomes, promotion, timings.Finished, timings.StartedAt), PipelineRetries.Activities);
        progress.Link("report", report.HtmlUrl);
        var manifest = await context.CallActivityAsync<string>(
            nameof(RecordRunActivity), new RunRecord(context.InstanceId, spec, source, dataset, embeddings, outcomes, promotion, report, timings.SoFar, timings.StartedAt), PipelineRetries.Activities);
        progress.Link("manifest", manifest);

        timings.Start(PipelineStages.Done, progress);
        return new PipelineOutcome(context.InstanceId, dataset, outcomes, promotion, report, manifest);
    }

    private static async Task<EmbeddingsRef> EmbedAsync(TaskOrchestrationContext context, EmbeddingInput input, PipelineProgress progress)
    {
        var plan = await context.CallActivityAsync<EmbeddingPlan>(nameof(PlanEmbeddingsActivity), input, PipelineRetries.Activities);
        if (plan.Existing is { } existing)
        {
            return existing;
        }

        var batches = plan.Batches
            .Select(batch => context.CallActivityAsync<int>(nameof(EmbedBatchActivity), new EmbedBatchInput(input, plan.Key, batch), PipelineRetries.Activities))
            .ToList();
        var done = 0;
        var remaining = new List<Task<int>>(batches);
        while (remaining.Count > 0)
        {
            remaining.Remove(await Task.WhenAny(remaining));
            progress.Within(++done / (double)batches.Count);
        }

        await Task.WhenAll(batches);
        return await context.CallActivityAsync<EmbeddingsRef>(nameof(MergeEmbeddingsActivity), new MergeEmbeddingsInput(input, plan), PipelineRetries.Activities);
    }

    private static async Task<IReadOnlyList<ModelOutcome>> RunModelsAsync(
        TaskOrchestrationContext context, PipelineSpec spec, IReadOnlyList<ModelSpec> models, DatasetRef dataset, EmbeddingsRef? embeddings, PipelineProgress progress)
    {
        var runs = models.Select(model =>
        {
            progress.Model(model.Slug, "running");
            var input = new ModelRunInput(context.InstanceId, model, dataset, embeddings, spec.Cutoffs ?? [10, 20], spec.Worker ?? new WorkerPolicy());
            return context.CallSubOrchestratorAsync<ModelOutcome>(
                nameof(ModelRunOrchestration), input, new SubOrchestrationOptions(new TaskOptions(), ModelRunId(context.InstanceId, model.Slug)));
        }).ToList();

        var remaining = new List<Task<ModelOutcome>>(runs);
        var done = 0;
        while (remaining.Count > 0)
        {
            var finished = await Task.WhenAny(remaining);
            remaining.Remove(finished);
            var outcome = await finished;
            progress.Model(outcome.Slug, outcome.State switch
            {
                ModelState.Completed => "completed",
                ModelState.Reused => "reused",
                ModelState.NotAvailable => "not available",
                _ => $"failed: {outcome.Error}",
            });
            progress.Within(++done / (double)runs.Count);
        }

        return runs.Select(r => r.Result).ToArray();
    }
}
