using LlmSeqRec.Data;

namespace LlmSeqRec.Embeddings;

/// <summary>
/// Item embeddings from an existing artifact folder (written by <c>llmseqrec embed</c> or another run) instead of
/// a provider: the stored rows are matched to the catalog by item id, so the artifact may cover more items than
/// the catalog, but never fewer.
/// </summary>
/// <param name="folder">The artifact folder (with manifest.json, ids.json and vectors.f32).</param>
public sealed class StoredItemEmbeddings(string folder) : IItemEmbeddingSource
{
    private EmbeddingMatrix? _stored;

    /// <summary>The artifact folder.</summary>
    public string Folder { get; } = folder ?? throw new ArgumentNullException(nameof(folder));

    /// <inheritdoc />
    /// <exception cref="DatasetFormatException">The artifact is missing, damaged or lacks some of the catalog's items (the message names the first).</exception>
    public Task<EmbeddingMatrix> GetAsync(Catalog catalog, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var stored = _stored ??= EmbeddingStore.ReadFolder(Folder);
        if (stored.ItemIds.SequenceEqual(catalog.Ids))
        {
            return Task.FromResult(stored);
        }

        var rowOf = new Dictionary<string, int>(stored.Rows, StringComparer.Ordinal);
        for (var row = 0; row < stored.Rows; row++)
        {
            rowOf.TryAdd(stored.ItemIds[row], row);
        }

        var missing = catalog.Ids.Where(id => !rowOf.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw new DatasetFormatException(Folder, null, "ids.json",
                $"the embeddings artifact has no vector for {missing.Count:N0} of the catalog's {catalog.Count:N0} items (first: '{missing[0]}'); embed this dataset's catalog");
        }

        var dimensions = stored.Dimensions;
        var values = new float[catalog.Count * dimensions];
        var zeroRows = 0;
        for (var item = 0; item < catalog.Count; item++)
        {
            var row = stored.Row(rowOf[catalog.Ids[item]]);
            row.CopyTo(values.AsSpan(item * dimensions, dimensions));
            zeroRows += row.ContainsAnyExcept(0f) ? 0 : 1;
        }

        return Task.FromResult(new EmbeddingMatrix(stored.Model, catalog.Ids, values, zeroRows));
    }
}
