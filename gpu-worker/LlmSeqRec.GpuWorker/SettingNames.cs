namespace LlmSeqRec.GpuWorker;

/// <summary>
/// The names of the GPU worker's settings: environment variables in the container, or any other configuration
/// source of the host (<c>--NAME=value</c> on the command line, appsettings.json). gpu-worker/README.md describes each.
/// </summary>
public static class SettingNames
{
    /// <summary>Storage connection string of the artifacts and the two queues (<c>UseDevelopmentStorage=true</c> for Azurite); required unless the two service URIs are set.</summary>
    public const string Storage = "LLMSEQREC_STORAGE";

    /// <summary>Blob service URI (<c>https://&lt;account&gt;.blob.core.windows.net</c>) for a managed identity, with <see cref="StorageQueueUri"/>, instead of <see cref="Storage"/>.</summary>
    public const string StorageBlobUri = "LLMSEQREC_STORAGE_BLOB_URI";

    /// <summary>Queue service URI (<c>https://&lt;account&gt;.queue.core.windows.net</c>) for a managed identity, with <see cref="StorageBlobUri"/>, instead of <see cref="Storage"/>.</summary>
    public const string StorageQueueUri = "LLMSEQREC_STORAGE_QUEUE_URI";

    /// <summary>Blob container of the artifacts (default <c>llmseqrec</c>).</summary>
    public const string Container = "LLMSEQREC_CONTAINER";

    /// <summary>Queue the pipeline puts jobs on (default <c>llmseqrec-jobs</c>).</summary>
    public const string JobsQueue = "LLMSEQREC_JOBS_QUEUE";

    /// <summary>Queue the worker answers on (default <c>llmseqrec-completions</c>).</summary>
    public const string CompletionsQueue = "LLMSEQREC_COMPLETIONS_QUEUE";

    /// <summary>Seconds a taken job stays hidden without renewal: a dead worker's job reappears after this (default 120).</summary>
    public const string LeaseSeconds = "LLMSEQREC_LEASE_SECONDS";

    /// <summary>Deliveries of a failing job before it is reported failed (default 3).</summary>
    public const string MaxAttempts = "LLMSEQREC_MAX_ATTEMPTS";

    /// <summary>Seconds between polls of an empty jobs queue (default 1).</summary>
    public const string PollSeconds = "LLMSEQREC_POLL_SECONDS";

    /// <summary>libtorch intra-op threads (default: libtorch's own choice, all cores).</summary>
    public const string Threads = "LLMSEQREC_THREADS";

    /// <summary>Local folder for downloaded datasets and embeddings (default: under the temp folder).</summary>
    public const string CacheDirectory = "LLMSEQREC_WORKER_CACHE";

    /// <summary>The worker's name in logs, leases and results (default: host name/process id).</summary>
    public const string WorkerId = "LLMSEQREC_WORKER_ID";

    /// <summary>Seconds without a job message (and no job running) after which the worker exits with 0 (default 0: run until stopped).</summary>
    public const string IdleExitSeconds = "LLMSEQREC_IDLE_EXIT_SECONDS";

    /// <summary>Seconds the host waits on shutdown for the job loop to hand its job back (default 25).</summary>
    public const string ShutdownSeconds = "LLMSEQREC_SHUTDOWN_SECONDS";

    /// <summary>TCP port of the health endpoint, on all interfaces (default 8080; 0 picks a free port).</summary>
    public const string HealthPort = "HEALTH_PORT";
}
