using LlmSeqRec.Data;

namespace LlmSeqRec.Models.Neural;

/// <summary>Initial rows of a model's item-embedding table (LLM2X: the catalog's reduced LLM embeddings).</summary>
public interface IItemEmbeddingInitializer
{
    /// <summary>
    /// Row-major vocabulary.Count × <paramref name="dimensions"/> values: row i for the item of model id i. The
    /// mask row keeps the model's own initial value.
    /// </summary>
    Task<float[]> RowsAsync(ItemVocabulary vocabulary, TrainingSet training, int dimensions, IProgress<FitProgress>? progress, CancellationToken cancellationToken);
}
