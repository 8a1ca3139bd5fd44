using LlmSeqRec.Models.Neural;

namespace LlmSeqRec.Pipeline.Artifacts;

/// <summary>
/// Training checkpoints in the artifact store (Blob Storage in the pipeline): one file replaced after every epoch,
/// so a job picked up again by another worker resumes from the last finished epoch.
/// </summary>
/// <param name="store">The artifact store.</param>
/// <param name="folder">The checkpoint's folder (see <see cref="ArtifactLayout.ModelCheckpoint"/>).</param>
public sealed class ArtifactCheckpointStore(IArtifactStore store, string folder) : ICheckpointStore
{
    /// <summary>The checkpoint file's path in the store.</summary>
    public string Path { get; } = $"{folder}/{FileCheckpointStore.FileName}";

    /// <inheritdoc />
    public async Task SaveAsync(TrainingCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        TrainingCheckpointFormat.Write(buffer, checkpoint);
        buffer.Position = 0;
        await store.WriteAsync(Path, buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TrainingCheckpoint?> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = await store.OpenReadAsync(Path, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
        return TrainingCheckpointFormat.Read(bytes.ToArray(), store.Locate(Path));
    }
}
