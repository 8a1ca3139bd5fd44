using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace LlmSeqRec.Pipeline.Artifacts;

/// <summary>
/// The artifact store on one Blob Storage container (Azure or Azurite). Uploads become visible only when complete
/// (a blob is committed in one step), so a reader never sees part of a file; conditional writes use ETags.
/// </summary>
public sealed class BlobArtifactStore(BlobContainerClient container) : IArtifactStore
{
    /// <summary>The default container name.</summary>
    public const string DefaultContainer = "llmseqrec";

    /// <summary>The container.</summary>
    public BlobContainerClient Container { get; } = container;

    /// <summary>A store on <paramref name="containerName"/> of the account behind <paramref name="connectionString"/>; creates the container.</summary>
    public static async Task<BlobArtifactStore> ConnectAsync(string connectionString, string containerName = DefaultContainer, CancellationToken cancellationToken = default)
    {
        var container = new BlobContainerClient(connectionString, containerName);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return new BlobArtifactStore(container);
    }

    /// <inheritdoc />
    public string Locate(string path) => Container.GetBlobClient(path).Uri.ToString();

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) =>
        (await Container.GetBlobClient(path).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <inheritdoc />
    public async Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var download = await Container.GetBlobClient(path).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken = default) =>
        await Container.GetBlobClient(path).UploadAsync(content, overwrite: true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = prefix.Length == 0 ? "" : prefix.TrimEnd('/') + "/";
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = folder }, cancellationToken).ConfigureAwait(false))
        {
            yield return blob.Name;
        }
    }

    /// <inheritdoc />
    public async Task<VersionedText?> ReadVersionedAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var download = await Container.GetBlobClient(path).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new VersionedText(download.Value.Content.ToString(), download.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryReplaceTextAsync(string path, string text, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        var conditions = expectedVersion is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(expectedVersion) };
        try
        {
            await Container.GetBlobClient(path).UploadAsync(
                BinaryData.FromString(text),
                new BlobUploadOptions { Conditions = conditions },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}
