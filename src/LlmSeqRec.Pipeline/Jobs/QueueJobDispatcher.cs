using System.Text.Json;
using Azure.Storage.Queues;
using LlmSeqRec.Pipeline.Artifacts;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>The jobs queue on Azure Queue Storage (or Azurite): one JSON message per job attempt.</summary>
public sealed class QueueJobDispatcher(QueueClient queue) : IJobDispatcher
{
    /// <summary>The default queue name.</summary>
    public const string DefaultQueue = "llmseqrec-jobs";

    /// <summary>The queue.</summary>
    public QueueClient Queue { get; } = queue;

    /// <inheritdoc />
    public async Task SendAsync(WorkerJob job, CancellationToken cancellationToken = default)
    {
        await Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await Queue.SendMessageAsync(JsonSerializer.Serialize(job, PipelineStorage.JsonOptions), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a job message.</summary>
    /// <exception cref="JsonException">The message is not a job.</exception>
    public static WorkerJob Parse(string message) =>
        JsonSerializer.Deserialize<WorkerJob>(message, PipelineStorage.JsonOptions) ?? throw new JsonException("empty job message");
}
