using LlmSeqRec.Data;
using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Pipeline.Activities;

namespace LlmSeqRec.Pipeline.Artifacts;

/// <summary>
/// Prepared datasets loaded by this host, by content hash: the embedding batches and the model activities of a
/// run read the same dataset, so it is downloaded and parsed once per host. Keeps the most recent few.
/// </summary>
public sealed class DatasetCache(PipelineStorage storage, int capacity = 2)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(string Hash, Task<PreparedDataset> Load)> _recent = new();

    /// <summary>The dataset behind <paramref name="reference"/>.</summary>
    public Task<PreparedDataset> GetAsync(DatasetRef reference, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Hash == reference.ContentHash && !node.Value.Load.IsFaulted && !node.Value.Load.IsCanceled)
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return node.Value.Load;
                }
            }

            var load = LoadAsync(reference, cancellationToken);
            _recent.AddFirst((reference.ContentHash, load));
            while (_recent.Count > capacity)
            {
                _recent.RemoveLast();
            }

            return load;
        }
    }

    private async Task<PreparedDataset> LoadAsync(DatasetRef reference, CancellationToken cancellationToken)
    {
        var folder = await storage.LocalFolderAsync(reference.Prefix, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => PreparedDatasetStore.Read(folder), cancellationToken).ConfigureAwait(false);
    }
}
