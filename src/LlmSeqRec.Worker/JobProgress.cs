using System.Text.Json;
using LlmSeqRec.Models;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.Worker;

/// <summary>A job's heartbeat and progress as the run shows it: <c>runs/{id}/jobs/{model}/status.json</c>.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Worker">The worker running it.</param>
/// <param name="Delivery">Which delivery of the job message this is.</param>
/// <param name="Stage">Fit stage (train, resume, ...).</param>
/// <param name="Fraction">Done fraction of the stage, when known.</param>
/// <param name="Detail">The last epoch line (loss, validation NDCG@20, seconds, sequences/s) or other detail.</param>
/// <param name="UpdatedAt">When the worker wrote it (the heartbeat).</param>
public sealed record JobStatus(string JobId, string Worker, long Delivery, string Stage, double? Fraction, string? Detail, DateTimeOffset UpdatedAt);

/// <summary>
/// Writes a job's <see cref="JobStatus"/> to the store on every fit report (at most every 2 s, always for epochs)
/// and logs the epochs and a resume.
/// </summary>
internal sealed partial class JobProgress(PipelineStorage storage, WorkerJob job, string worker, long delivery, ILogger logger) : IProgress<FitProgress>
{
    private readonly string _path = $"{ArtifactLayout.Run(job.Job.RunId)}/jobs/{job.Job.Model.Slug}/status.json";
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public void Report(FitProgress value)
    {
        var now = DateTimeOffset.UtcNow;
        if (value.Stage is "train" or "resume" or "device")
        {
            LogProgress(logger, job.JobId, value.Stage, value.Detail ?? "");
        }

        if (value.Stage != "train" && now - _last < TimeSpan.FromSeconds(2))
        {
            return;
        }

        _last = now;
        var status = new JobStatus(job.JobId, worker, delivery, value.Stage, value.Fraction, value.Detail, now);
        // Progress must never fail the job: a missed heartbeat is harmless.
        _ = storage.Store.WriteAsync(_path, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(status, PipelineStorage.JsonOptions)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} {Stage}: {Detail}")]
    private static partial void LogProgress(ILogger logger, string jobId, string stage, string detail);
}
