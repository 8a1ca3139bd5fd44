using LlmSeqRec.Data;

namespace LlmSeqRec.Embeddings;

/// <summary>Where a model gets the LLM embedding of every catalog item (one row per item, dense index order).</summary>
public interface IItemEmbeddingSource
{
    /// <summary>The embedding matrix of <paramref name="catalog"/>.</summary>
    Task<EmbeddingMatrix> GetAsync(Catalog catalog, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default);
}
