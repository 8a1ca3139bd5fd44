using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace LlmSeqRec.Pipeline.Artifacts;

/// <summary>
/// The artifact store as a local folder with the blob layout (for runs on one machine without a storage account).
/// Files are written to a temporary sibling and renamed into place; conditional writes hold a lock file.
/// </summary>
public sealed class FolderArtifactStore : IArtifactStore
{
    private const string TempMarker = ".tmp-";

    /// <summary>A store rooted at <paramref name="root"/> (created when missing).</summary>
    public FolderArtifactStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The folder that holds the store.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Locate(string path) => FullPath(path);

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(FullPath(path)));

    /// <inheritdoc />
    public Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}{TempMarker}{Guid.NewGuid():N}";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var folder = prefix.Length == 0 ? Root : FullPath(prefix.TrimEnd('/'));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var paths = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(TempMarker, StringComparison.Ordinal) && !f.EndsWith(".lock", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return path;
        }
    }

    /// <inheritdoc />
    public async Task<VersionedText?> ReadVersionedAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        if (!File.Exists(full))
        {
            return null;
        }

        var text = await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false);
        return new VersionedText(text, VersionOf(text));
    }

    /// <inheritdoc />
    public async Task<bool> TryReplaceTextAsync(string path, string text, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var gate = await AcquireLockAsync(full + ".lock", cancellationToken).ConfigureAwait(false);
        var current = File.Exists(full) ? VersionOf(await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false)) : null;
        if (current != expectedVersion)
        {
            return false;
        }

        await WriteAsync(path, new MemoryStream(Encoding.UTF8.GetBytes(text)), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private string FullPath(string path)
    {
        if (path.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"artifact path '{path}' must be plain '/'-separated segments", nameof(path));
        }

        return Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
    }

    private static string VersionOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static async Task<FileStream> AcquireLockAsync(string lockPath, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
