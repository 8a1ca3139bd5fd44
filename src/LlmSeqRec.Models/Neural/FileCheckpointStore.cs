namespace LlmSeqRec.Models.Neural;

/// <summary>
/// Keeps the latest checkpoint as one file, <c>checkpoint.bin</c>, in a folder (<see cref="TrainingCheckpointFormat"/>).
/// Written to a temporary sibling, flushed to disk and renamed over the old file.
/// </summary>
/// <param name="folder">The folder (created on the first save).</param>
public sealed class FileCheckpointStore(string folder) : ICheckpointStore
{
    /// <summary>The checkpoint's file name inside the folder.</summary>
    public const string FileName = "checkpoint.bin";

    /// <summary>The checkpoint file.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), FileName);

    /// <inheritdoc />
    public async Task SaveAsync(TrainingCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temp = $"{Path}.tmp-{Guid.NewGuid():N}";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                TrainingCheckpointFormat.Write(stream, checkpoint);
                await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public async Task<TrainingCheckpoint?> LoadAsync(CancellationToken cancellationToken = default) =>
        File.Exists(Path)
            ? TrainingCheckpointFormat.Read(await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false), Path)
            : null;
}
