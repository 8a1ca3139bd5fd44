using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LlmSeqRec.Pipeline.Artifacts;

namespace LlmSeqRec.Worker;

/// <summary>
/// The worker's storage account: a connection string (<see cref="WorkerOptions.Storage"/>), or the blob and queue
/// service URIs with a token credential (<see cref="DefaultAzureCredential"/> unless given: in Azure the managed
/// identity, a user-assigned one chosen by the standard <c>AZURE_CLIENT_ID</c> variable), for accounts with
/// shared-key access disabled. The same idea as the Functions app's <c>ArtifactStorage</c> settings.
/// </summary>
public sealed class WorkerStorageAccount
{
    private readonly StorageAccountClients _clients;

    private WorkerStorageAccount(StorageAccountClients clients) => _clients = clients;

    /// <summary>Whether the account is reached with a token credential (service URIs) rather than a connection string.</summary>
    public bool UsesIdentity => _clients.UsesIdentity;

    /// <summary>The account of <paramref name="options"/>: its connection string, or its two service URIs with <paramref name="credential"/>.</summary>
    /// <param name="options">The worker's settings: exactly one of a connection string or both service URIs.</param>
    /// <param name="credential">The credential for the service URIs; <see cref="DefaultAzureCredential"/> when null.</param>
    /// <exception cref="ArgumentException">Not exactly one of a connection string or both service URIs.</exception>
    public static WorkerStorageAccount For(WorkerOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hasUris = options.BlobServiceUri is not null || options.QueueServiceUri is not null;
        if (!string.IsNullOrEmpty(options.Storage))
        {
            return hasUris
                ? throw new ArgumentException("give either a storage connection string or the blob and queue service URIs, not both", nameof(options))
                : new WorkerStorageAccount(StorageAccountClients.FromConnectionString(options.Storage));
        }

        if (options.BlobServiceUri is null || options.QueueServiceUri is null)
        {
            throw new ArgumentException("a storage connection string, or both the blob and the queue service URIs, are required", nameof(options));
        }

        return new WorkerStorageAccount(StorageAccountClients.FromServiceUris(options.BlobServiceUri, options.QueueServiceUri, credential ?? new DefaultAzureCredential()));
    }

    /// <summary>The blob container <paramref name="name"/>.</summary>
    public BlobContainerClient Container(string name) => _clients.Blobs().GetBlobContainerClient(name);

    /// <summary>The queue service. Messages are plain text (no Base64), as the pipeline writes and reads them.</summary>
    public QueueServiceClient Queues() => _clients.Queues();
}
