using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace LlmSeqRec.Pipeline.Artifacts;

/// <summary>
/// The blob and queue clients of one storage account, reached by a connection string or by its service URIs with a
/// token credential (a managed identity, for accounts with shared-key access off). The hosts read their own settings
/// into it: the Functions app's <c>ArtifactStorage</c>, the GPU worker's <c>LLMSEQREC_STORAGE*</c>.
/// </summary>
public sealed class StorageAccountClients
{
    private readonly string? _connectionString;
    private readonly Uri? _blobServiceUri;
    private readonly Uri? _queueServiceUri;
    private readonly TokenCredential? _credential;

    private StorageAccountClients(string? connectionString, Uri? blobServiceUri, Uri? queueServiceUri, TokenCredential? credential) =>
        (_connectionString, _blobServiceUri, _queueServiceUri, _credential) = (connectionString, blobServiceUri, queueServiceUri, credential);

    /// <summary>An account reached by a connection string.</summary>
    public static StorageAccountClients FromConnectionString(string connectionString) =>
        new(connectionString ?? throw new ArgumentNullException(nameof(connectionString)), null, null, null);

    /// <summary>An account reached by its blob and queue service URIs with <paramref name="credential"/>.</summary>
    public static StorageAccountClients FromServiceUris(Uri blobServiceUri, Uri queueServiceUri, TokenCredential credential) =>
        new(null, blobServiceUri, queueServiceUri, credential);

    /// <summary>Whether the account is reached with a token credential rather than a connection string.</summary>
    public bool UsesIdentity => _credential is not null;

    /// <summary>The blob service.</summary>
    public BlobServiceClient Blobs() =>
        _credential is null ? new BlobServiceClient(_connectionString) : new BlobServiceClient(_blobServiceUri, _credential);

    /// <summary>The queue service. Messages are plain text (no Base64), as the pipeline and the workers write them.</summary>
    public QueueServiceClient Queues()
    {
        var plainText = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        return _credential is null ? new QueueServiceClient(_connectionString, plainText) : new QueueServiceClient(_queueServiceUri, _credential, plainText);
    }
}
