using DurableTask.AzureStorage;

namespace LlmSeqRec.DurableHost;

/// <summary>
/// Where and how the local durable host keeps its task hub: the Azure Storage account (Azurite locally, any
/// connection string works), the task hub name shared by every host that should share the work, and the timings
/// that decide how fast an idle host picks up work and how fast work of a host that died is taken over.
/// </summary>
/// <param name="ConnectionString">Storage connection string (UseDevelopmentStorage=true for Azurite).</param>
/// <param name="TaskHubName">Task hub: hosts with the same name share the orchestrations and activities.</param>
/// <param name="WorkerId">This host's id in leases and logs (default: machine name and process id).</param>
/// <param name="MaxPollingInterval">Longest wait between queue polls when idle (the pick-up latency).</param>
/// <param name="WorkItemVisibilityTimeout">How long a taken message stays hidden: a dead host's message reappears after this.</param>
/// <param name="LeaseInterval">How long a partition lease lasts without renewal: a dead host's partitions move after this.</param>
/// <param name="PartitionCount">Control-queue partitions (the most hosts that can run orchestrations at once).</param>
public sealed record StorageTaskHubSettings(
    string ConnectionString,
    string TaskHubName = "llmseqrec",
    string? WorkerId = null,
    TimeSpan? MaxPollingInterval = null,
    TimeSpan? WorkItemVisibilityTimeout = null,
    TimeSpan? LeaseInterval = null,
    int PartitionCount = 4)
{
    /// <summary>The Durable Task Azure Storage settings.</summary>
    public AzureStorageOrchestrationServiceSettings ToServiceSettings()
    {
        var lease = LeaseInterval ?? TimeSpan.FromSeconds(30);
        var visibility = WorkItemVisibilityTimeout ?? TimeSpan.FromMinutes(1);
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(ConnectionString),
            TaskHubName = TaskHubName,
            WorkerId = WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}",
            MaxQueuePollingInterval = MaxPollingInterval ?? TimeSpan.FromSeconds(2),
            WorkItemQueueVisibilityTimeout = visibility,
            ControlQueueVisibilityTimeout = visibility,
            LeaseInterval = lease,
            LeaseRenewInterval = lease / 3,
            LeaseAcquireInterval = lease / 3,
            PartitionCount = PartitionCount,
            ExtendedSessionsEnabled = true,
            MaxConcurrentTaskActivityWorkItems = Math.Max(2, Environment.ProcessorCount),
            MaxConcurrentTaskOrchestrationWorkItems = 8,
        };
    }
}
