using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;

namespace LlmSeqRec.Functions.Hosting;

/// <summary>
/// Creates the artifact container and the jobs and completions queues when the worker starts (idempotent), so a
/// fresh storage account works without a separate provisioning step.
/// </summary>
internal sealed class StorageSetup(BlobContainerClient container, params QueueClient[] queues) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var queue in queues)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
