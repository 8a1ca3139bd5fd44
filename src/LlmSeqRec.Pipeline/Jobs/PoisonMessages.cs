using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Azure.Storage.Queues.Specialized;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>Where a queue's unreadable messages go: <c>{queue}-poison</c>, each with the reason it was refused.</summary>
public static class PoisonMessages
{
    /// <summary>Copies <paramref name="message"/> with <paramref name="reason"/> to the poison queue of <paramref name="queue"/>; returns that queue's name.</summary>
    public static async Task<string> MoveAsync(QueueClient queue, QueueMessage message, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(message);
        var poison = queue.GetParentQueueServiceClient().GetQueueClient($"{queue.Name}-poison");
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync($"{reason}\n{message.Body}", cancellationToken).ConfigureAwait(false);
        return poison.Name;
    }
}
