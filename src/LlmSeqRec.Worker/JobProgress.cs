using System.Text.Json;
using LlmSeqRec.Models;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.Worker;

/// <summary>
/// Writes a job's <see cref="JobStatus"/> to the store on every fit report (at most every 2 s, always for epochs)
/// and logs the epochs and a resume.
/// </summary>
internal sealed partial class JobProgress(PipelineStorage storage, WorkerJob job, string worker, long delivery, ILogger logger) : IProgress<FitProgress>
{
    private readonly string _path = JobStatus.PathOf(job.Job.RunId, job.Job.Model.Slug);
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
