using LlmSeqRec.Embeddings;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Embedding;
using LlmSeqRec.Pipeline.Specification;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>The catalog of a dataset and how to embed it.</summary>
public sealed record EmbeddingInput(DatasetRef Dataset, EmbeddingSpec Embedding);

/// <summary>
/// How the catalog's embeddings are made: their content key, the batches of distinct texts (the fan-out), and the
/// finished artifact when it already exists.
/// </summary>
public sealed record EmbeddingPlan(string Key, int DistinctTexts, IReadOnlyList<EmbeddingBatch> Batches, EmbeddingsRef? Existing);

/// <summary>One batch of distinct texts: rows [Start, Start + Count) of <see cref="CatalogTexts.Distinct"/>.</summary>
public sealed record EmbeddingBatch(int Index, int Start, int Count);

/// <summary>Item embeddings in the store.</summary>
/// <param name="Key">Content key (provider, model, texts).</param>
/// <param name="Prefix">Folder in the store.</param>
/// <param name="Model">Provider/model name.</param>
/// <param name="Dimensions">Vector size.</param>
/// <param name="Url">Where a person finds it.</param>
public sealed record EmbeddingsRef(string Key, string Prefix, string Model, int Dimensions, string Url);

/// <summary>Stage "embed", first step: the key of the catalog's embeddings and the batches still to embed.</summary>
public sealed class PlanEmbeddingsActivity(PipelineStorage storage, DatasetCache datasets, EmbeddingProviders providers)
    : TaskActivity<EmbeddingInput, EmbeddingPlan>
{
    /// <inheritdoc />
    public override async Task<EmbeddingPlan> RunAsync(TaskActivityContext context, EmbeddingInput input)
    {
        var dataset = await datasets.GetAsync(input.Dataset).ConfigureAwait(false);
        var texts = CatalogTexts.Of(dataset.Catalog, ItemTextTemplate.Parse(input.Embedding.Template));
        var model = providers.Get(input.Embedding).Model;
        var key = texts.Key(model);
        var prefix = ArtifactLayout.Embeddings(key);
        if (await ArtifactFolders.IsCommittedAsync(storage.Store, prefix).ConfigureAwait(false))
        {
            return new EmbeddingPlan(key, texts.Distinct.Count, [], Reference(storage, key, model));
        }

        var size = input.Embedding.BatchSize;
        var batches = Enumerable.Range(0, (texts.Distinct.Count + size - 1) / size)
            .Select(i => new EmbeddingBatch(i, i * size, Math.Min(size, texts.Distinct.Count - (i * size))))
            .ToArray();
        return new EmbeddingPlan(key, texts.Distinct.Count, batches, null);
    }

    /// <summary>The reference of the embeddings artifact <paramref name="key"/>.</summary>
    internal static EmbeddingsRef Reference(PipelineStorage storage, string key, EmbeddingModelId model)
    {
        var prefix = ArtifactLayout.Embeddings(key);
        return new EmbeddingsRef(key, prefix, $"{model.Provider}/{model.Name}", model.Dimensions, storage.Store.Locate(prefix));
    }
}
