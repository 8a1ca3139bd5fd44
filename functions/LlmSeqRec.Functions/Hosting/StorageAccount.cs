using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LlmSeqRec.Pipeline.Artifacts;
using Microsoft.Extensions.Configuration;

namespace LlmSeqRec.Functions.Hosting;

/// <summary>
/// The clients of the artifact storage account, read from the <see cref="AppSettings.ArtifactStorage"/> setting the
/// way Functions reads its own connections: a connection string in <c>ArtifactStorage</c>, or service URIs in
/// <c>ArtifactStorage__blobServiceUri</c> / <c>ArtifactStorage__queueServiceUri</c> with
/// <see cref="DefaultAzureCredential"/> (the app's managed identity; <c>ArtifactStorage__clientId</c> selects a
/// user-assigned one).
/// </summary>
public sealed class StorageAccount
{
    private readonly StorageAccountClients _clients;

    private StorageAccount(StorageAccountClients clients) => _clients = clients;

    /// <summary>Whether the account is reached with a managed identity (service URIs) rather than a connection string.</summary>
    public bool UsesIdentity => _clients.UsesIdentity;

    /// <summary>Reads the account from configuration.</summary>
    /// <exception cref="InvalidOperationException">Neither a connection string nor both service URIs are set; the message names the settings.</exception>
    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AppSettings.ArtifactStorage);
        if (section.Value is { Length: > 0 } connectionString)
        {
            return new StorageAccount(StorageAccountClients.FromConnectionString(connectionString));
        }

        var blob = section["blobServiceUri"];
        var queue = section["queueServiceUri"];
        if (string.IsNullOrEmpty(blob) || string.IsNullOrEmpty(queue))
        {
            throw new InvalidOperationException(
                $"app setting {AppSettings.ArtifactStorage} is missing: set it to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or set {AppSettings.ArtifactStorage}__blobServiceUri and {AppSettings.ArtifactStorage}__queueServiceUri for the managed identity");
        }

        var clientId = section["clientId"];
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrEmpty(clientId) ? null : clientId,
        });
        return new StorageAccount(StorageAccountClients.FromServiceUris(ParseUri(blob, "blobServiceUri"), ParseUri(queue, "queueServiceUri"), credential));
    }

    /// <summary>The blob service of the account.</summary>
    public BlobServiceClient Blobs() => _clients.Blobs();

    /// <summary>A queue of the account. Messages are plain text (no Base64), as the workers write and read them.</summary>
    public QueueClient Queue(string name) => _clients.Queues().GetQueueClient(name);

    private static Uri ParseUri(string value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"app setting {AppSettings.ArtifactStorage}__{key}: '{value}' is not an absolute URI");
}
