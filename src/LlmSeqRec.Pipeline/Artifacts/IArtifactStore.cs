namespace LlmSeqRec.Pipeline.Artifacts;

/// <summary>
/// Where every artifact of the pipeline lives: Blob Storage in Azure and on Azurite (<see cref="BlobArtifactStore"/>),
/// or a local folder with the same layout (<see cref="FolderArtifactStore"/>). Paths are '/'-separated and relative
/// to the store's root. A write replaces a whole file at once: readers see the old content or the new, never a mix.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Where a person finds <paramref name="path"/> (a blob URL or a local file path), for links in reports and status.</summary>
    string Locate(string path);

    /// <summary>Whether a file exists at <paramref name="path"/>.</summary>
    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Opens a file for reading, or returns null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Writes (or replaces) a file with the rest of <paramref name="content"/>, atomically.</summary>
    Task WriteAsync(string path, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The paths of the files under <paramref name="prefix"/> (a folder path without the trailing '/'), in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Reads a small text file with a version tag for <see cref="TryReplaceTextAsync"/>; null when absent.</summary>
    Task<VersionedText?> ReadVersionedAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="text"/> only if the file still has <paramref name="expectedVersion"/> (null: only if it
    /// does not exist). Returns false when another writer changed it first (optimistic concurrency).
    /// </summary>
    Task<bool> TryReplaceTextAsync(string path, string text, string? expectedVersion, CancellationToken cancellationToken = default);
}

/// <summary>A text file's content and the version tag a conditional replace compares against.</summary>
public sealed record VersionedText(string Text, string Version);
