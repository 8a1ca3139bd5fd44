namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>Sends neural-model jobs to the GPU workers (a storage queue, or a channel to an in-process worker).</summary>
public interface IJobDispatcher
{
    /// <summary>Enqueues <paramref name="job"/>.</summary>
    Task SendAsync(WorkerJob job, CancellationToken cancellationToken = default);
}
