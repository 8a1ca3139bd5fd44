using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Specification;
using LlmSeqRec.Reporting;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>
/// A run's manifest (<c>runs/{id}/manifest.json</c>): lineage from the spec and the input hashes to every output,
/// the code version and the stage timings.
/// </summary>
public sealed record RunRecord(
    string RunId,
    PipelineSpec Spec,
    SourceRef Source,
    DatasetRef Dataset,
    EmbeddingsRef? Embeddings,
    IReadOnlyList<ModelOutcome> Models,
    PromotionDecision Promotion,
    ReportRef Report,
    IReadOnlyList<StageTiming> Timings,
    DateTime StartedAt)
{
    /// <summary>The code version that ran the pipeline (filled by <see cref="RecordRunActivity"/>).</summary>
    public string? CodeVersion { get; init; }
}

/// <summary>Stage "report", last step: writes the run manifest and returns its location.</summary>
public sealed class RecordRunActivity(PipelineStorage storage) : TaskActivity<RunRecord, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, RunRecord input)
    {
        var path = ArtifactLayout.RunManifest(input.RunId);
        await storage.WriteJsonAsync(path, input with { CodeVersion = Jobs.CodeVersion.Current }).ConfigureAwait(false);
        return storage.Store.Locate(path);
    }
}
