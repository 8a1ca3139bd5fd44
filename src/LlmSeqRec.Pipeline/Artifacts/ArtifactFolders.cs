using System.Text.Json;
using LlmSeqRec.Data.Artifacts;

namespace LlmSeqRec.Pipeline.Artifacts;

/// <summary>
/// Folder artifacts in a store: every file is uploaded, then a commit marker (<see cref="ArtifactLayout.CommitMarker"/>)
/// listing the files with their sizes and hashes. A folder without its marker does not exist for readers, so a
/// writer that dies half-way leaves nothing that anyone uses, and writing the same folder twice is harmless.
/// </summary>
public static class ArtifactFolders
{
    /// <summary>Whether the folder artifact at <paramref name="prefix"/> is complete.</summary>
    public static Task<bool> IsCommittedAsync(IArtifactStore store, string prefix, CancellationToken cancellationToken = default) =>
        store.ExistsAsync($"{prefix}/{ArtifactLayout.CommitMarker}", cancellationToken);

    /// <summary>Uploads every file under <paramref name="localFolder"/> to <paramref name="prefix"/>, then the commit marker.</summary>
    public static async Task UploadAsync(IArtifactStore store, string prefix, string localFolder, CancellationToken cancellationToken = default)
    {
        var files = new List<FolderFile>();
        foreach (var file in Directory.EnumerateFiles(localFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(localFolder, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative == ArtifactLayout.CommitMarker)
            {
                continue;
            }

            await using (var content = File.OpenRead(file))
            {
                await store.WriteAsync($"{prefix}/{relative}", content, cancellationToken).ConfigureAwait(false);
            }

            files.Add(new FolderFile(relative, new FileInfo(file).Length, await ContentHash.OfFileAsync(file, cancellationToken).ConfigureAwait(false)));
        }

        var marker = JsonSerializer.SerializeToUtf8Bytes(new FolderManifest(files), JsonOptions);
        await store.WriteAsync($"{prefix}/{ArtifactLayout.CommitMarker}", new MemoryStream(marker), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads the committed folder artifact at <paramref name="prefix"/> into <paramref name="localFolder"/>
    /// (atomically; every file's hash is checked). A local copy with the same marker is kept as it is.
    /// </summary>
    /// <exception cref="InvalidDataException">The artifact is not committed, or a file does not match its hash.</exception>
    public static async Task DownloadAsync(IArtifactStore store, string prefix, string localFolder, CancellationToken cancellationToken = default)
    {
        var markerPath = $"{prefix}/{ArtifactLayout.CommitMarker}";
        var marker = await store.ReadVersionedAsync(markerPath, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"artifact {store.Locate(prefix)} is not complete (no {ArtifactLayout.CommitMarker})");
        var localMarker = Path.Combine(localFolder, ArtifactLayout.CommitMarker);
        if (File.Exists(localMarker) && await File.ReadAllTextAsync(localMarker, cancellationToken).ConfigureAwait(false) == marker.Text)
        {
            return;
        }

        var manifest = JsonSerializer.Deserialize<FolderManifest>(marker.Text, JsonOptions)
            ?? throw new InvalidDataException($"{store.Locate(markerPath)}: empty commit marker");
        var temp = $"{Path.GetFullPath(localFolder).TrimEnd(Path.DirectorySeparatorChar)}.tmp-{Guid.NewGuid():N}";
        try
        {
            foreach (var file in manifest.Files)
            {
                var target = Path.Combine(temp, file.Path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using (var source = await store.OpenReadAsync($"{prefix}/{file.Path}", cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"{store.Locate($"{prefix}/{file.Path}")}: listed in the commit marker but missing"))
                await using (var copy = File.Create(target))
                {
                    await source.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                }

                if (await ContentHash.OfFileAsync(target, cancellationToken).ConfigureAwait(false) != file.Sha256)
                {
                    throw new InvalidDataException($"{store.Locate($"{prefix}/{file.Path}")}: content does not match the hash in its commit marker");
                }
            }

            await File.WriteAllTextAsync(Path.Combine(temp, ArtifactLayout.CommitMarker), marker.Text, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localFolder))!);
            AtomicFolder.Commit(temp, Path.GetFullPath(localFolder).TrimEnd(Path.DirectorySeparatorChar));
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record FolderManifest(IReadOnlyList<FolderFile> Files);

    private sealed record FolderFile(string Path, long Size, string Sha256);
}
