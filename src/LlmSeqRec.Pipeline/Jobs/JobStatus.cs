using LlmSeqRec.Pipeline.Artifacts;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>A job's heartbeat and progress as the run shows it: <c>runs/{id}/jobs/{model}/status.json</c>.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Worker">The worker running it.</param>
/// <param name="Delivery">Which delivery of the job message this is.</param>
/// <param name="Stage">Fit stage (train, resume, ...).</param>
/// <param name="Fraction">Done fraction of the stage, when known.</param>
/// <param name="Detail">The last epoch line (loss, validation NDCG@20, seconds, sequences/s) or other detail.</param>
/// <param name="UpdatedAt">When the worker wrote it (the heartbeat).</param>
public sealed record JobStatus(string JobId, string Worker, long Delivery, string Stage, double? Fraction, string? Detail, DateTimeOffset UpdatedAt)
{
    /// <summary>Where the status of a run's model job is kept.</summary>
    public static string PathOf(string runId, string modelSlug) => $"{ArtifactLayout.Run(runId)}/jobs/{modelSlug}/status.json";
}
