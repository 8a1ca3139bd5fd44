namespace LlmSeqRec.Worker;

/// <summary>Settings of a GPU worker.</summary>
/// <param name="Storage">
/// Storage connection string: jobs and completions queues, artifacts (UseDevelopmentStorage=true for Azurite); null
/// when the account is reached with a managed identity through <paramref name="BlobServiceUri"/> and <paramref name="QueueServiceUri"/>.
/// </param>
/// <param name="Container">Blob container of the artifacts.</param>
/// <param name="JobsQueue">The queue the pipeline puts jobs on.</param>
/// <param name="CompletionsQueue">The queue the worker answers on.</param>
/// <param name="CacheRoot">Local folder for downloaded artifacts.</param>
/// <param name="Lease">How long a taken job stays hidden from other workers without renewal: a dead worker's job reappears after this.</param>
/// <param name="MaxAttempts">Deliveries of one message before the job is reported failed with its last error.</param>
/// <param name="PollInterval">Idle wait between polls of an empty queue.</param>
/// <param name="WorkerId">This worker's name in logs, leases and results (default: machine/process id).</param>
/// <param name="BlobServiceUri">The blob service (<c>https://&lt;account&gt;.blob.core.windows.net</c>), used with a token credential instead of <paramref name="Storage"/>.</param>
/// <param name="QueueServiceUri">The queue service (<c>https://&lt;account&gt;.queue.core.windows.net</c>), used with a token credential instead of <paramref name="Storage"/>.</param>
/// <param name="IdleExit">
/// When set (above zero), the job loop ends and the host stops once no job message has come for this long and no job
/// runs (an event-driven Container Apps job execution ends when the queue is drained); null: run until stopped.
/// </param>
public sealed record WorkerOptions(
    string? Storage,
    string Container = Pipeline.Artifacts.BlobArtifactStore.DefaultContainer,
    string JobsQueue = Pipeline.Jobs.QueueJobDispatcher.DefaultQueue,
    string CompletionsQueue = Pipeline.Jobs.WorkerCompletionRelay.DefaultQueue,
    string? CacheRoot = null,
    TimeSpan? Lease = null,
    int MaxAttempts = 3,
    TimeSpan? PollInterval = null,
    string? WorkerId = null,
    Uri? BlobServiceUri = null,
    Uri? QueueServiceUri = null,
    TimeSpan? IdleExit = null)
{
    /// <summary>The lease, 2 minutes unless set.</summary>
    public TimeSpan LeaseOrDefault => Lease ?? TimeSpan.FromMinutes(2);

    /// <summary>The worker id, machine/process unless set.</summary>
    public string Id => WorkerId ?? $"{Environment.MachineName}/{Environment.ProcessId}";
}
