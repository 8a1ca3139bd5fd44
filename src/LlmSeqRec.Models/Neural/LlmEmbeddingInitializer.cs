using LlmSeqRec.Data;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Embeddings.Reduction;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// LLM2X's initialisation (paper notes 4.3): the catalog's LLM embeddings reduced to the model's embedding size
/// (fitted on the whole catalog, as the papers do, without normalisation), rows picked in model-id order.
/// </summary>
/// <param name="embeddings">Where the catalog's LLM embeddings come from.</param>
/// <param name="reduction">Method and seed of the reduction; its dimension and normalisation are overridden.</param>
public sealed class LlmEmbeddingInitializer(IItemEmbeddingSource embeddings, ReductionConfig reduction) : IItemEmbeddingInitializer
{
    /// <inheritdoc />
    public async Task<float[]> RowsAsync(ItemVocabulary vocabulary, TrainingSet training, int dimensions, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(training);
        var matrix = await embeddings.GetAsync(
            training.Catalog,
            progress is null ? null : new SynchronousProgress<EmbeddingProgress>(p => progress.Report(new FitProgress("item embeddings", p.Total == 0 ? 1 : (double)p.Done / p.Total))),
            cancellationToken).ConfigureAwait(false);
        if (matrix.Dimensions < dimensions && reduction.Method is ReductionMethod.Pca or ReductionMethod.Lda)
        {
            throw new ArgumentException($"{reduction.Method} cannot reduce {matrix.Dimensions}-d embeddings to {dimensions} dimensions; choose embeddingDim ≤ {matrix.Dimensions}");
        }

        progress?.Report(new FitProgress($"reduce ({reduction.Method} to {dimensions})", null));
        var reduced = EmbeddingReduction.Apply(matrix, reduction with { Dimensions = dimensions, Normalize = false }, training.Catalog);
        if (reduced.Dimensions != dimensions)
        {
            throw new ArgumentException($"{reduction.Method} gave {reduced.Dimensions} dimensions, the model needs {dimensions}");
        }

        var rows = new float[vocabulary.Count * dimensions];
        for (var id = 0; id < vocabulary.Count; id++)
        {
            reduced.Row(vocabulary.CatalogItems[id]).CopyTo(rows.AsSpan(id * dimensions, dimensions));
        }

        return rows;
    }
}
