namespace LlmSeqRec.DurableHost;

/// <summary>Settings of <c>llmseqrec serve</c>, the local durable host.</summary>
/// <param name="Storage">Storage connection string: task hub, artifacts, job and completion queues (UseDevelopmentStorage=true for Azurite).</param>
/// <param name="ApiKey">The key every API request must carry (header <c>x-functions-key</c> or query <c>code</c>, as Azure Functions keys).</param>
/// <param name="Port">Port on 127.0.0.1 (0: any free port).</param>
/// <param name="TaskHub">Task hub name: hosts with the same name share the work.</param>
/// <param name="Container">Blob container of the artifacts.</param>
/// <param name="JobsQueue">Queue of the GPU-worker jobs.</param>
/// <param name="CompletionsQueue">Queue of the workers' completions.</param>
/// <param name="CacheRoot">Local folder for downloaded artifacts.</param>
/// <param name="LocalThreads">Threads of the local embedding model.</param>
/// <param name="WorkItemVisibilityTimeout">How soon work of a host that died is picked up again.</param>
/// <param name="LeaseInterval">How soon orchestration partitions of a host that died move.</param>
public sealed record LocalHostOptions(
    string Storage,
    string ApiKey,
    int Port = 7071,
    string TaskHub = "llmseqrec",
    string Container = Pipeline.Artifacts.BlobArtifactStore.DefaultContainer,
    string JobsQueue = Pipeline.Jobs.QueueJobDispatcher.DefaultQueue,
    string CompletionsQueue = Pipeline.Jobs.WorkerCompletionRelay.DefaultQueue,
    string? CacheRoot = null,
    int? LocalThreads = null,
    TimeSpan? WorkItemVisibilityTimeout = null,
    TimeSpan? LeaseInterval = null);
