namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>
/// A message on the jobs queue for a GPU worker: the job, which orchestration waits for it, and the attempt. The
/// worker answers with a <see cref="WorkerJobCompletion"/> raised as the event
/// <see cref="WorkerJobCompletion.EventName"/> on <see cref="InstanceId"/>.
/// </summary>
/// <param name="JobId">Stable id of the job (the same on every attempt).</param>
/// <param name="InstanceId">The orchestration instance waiting for the completion.</param>
/// <param name="Attempt">1-based attempt number.</param>
/// <param name="Job">What to do.</param>
public sealed record WorkerJob(string JobId, string InstanceId, int Attempt, ModelJob Job);

/// <summary>A worker's answer to a <see cref="WorkerJob"/>: the result, or the error that ended the attempt.</summary>
public sealed record WorkerJobCompletion(string JobId, int Attempt, ModelResult? Result, string? Error)
{
    /// <summary>The name of the orchestration event that carries a completion.</summary>
    public const string EventName = "WorkerJobCompleted";
}
