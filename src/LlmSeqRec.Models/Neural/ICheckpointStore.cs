namespace LlmSeqRec.Models.Neural;

/// <summary>
/// Where training keeps its latest checkpoint (a folder here; Blob Storage in the pipeline). Saving replaces the
/// previous checkpoint atomically: a reader sees the old one or the new one, never a mix.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Replaces the stored checkpoint with <paramref name="checkpoint"/>.</summary>
    Task SaveAsync(TrainingCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The stored checkpoint, or null when there is none.</summary>
    Task<TrainingCheckpoint?> LoadAsync(CancellationToken cancellationToken = default);
}
