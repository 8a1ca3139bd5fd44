using System.Runtime.InteropServices;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Embedding;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>One batch to embed, with the key the plan computed (a mismatch means the catalog or model changed).</summary>
public sealed record EmbedBatchInput(EmbeddingInput Source, string Key, EmbeddingBatch Batch);

/// <summary>
/// Stage "embed", fan-out: embeds one batch of distinct texts and stores the vectors as a part of the artifact
/// (<c>embeddings/{key}/parts/</c>). A part that exists already is not embedded again, so a retried or re-run batch
/// costs nothing. Returns the number of texts embedded now.
/// </summary>
public sealed class EmbedBatchActivity(PipelineStorage storage, DatasetCache datasets, EmbeddingProviders providers)
    : TaskActivity<EmbedBatchInput, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, EmbedBatchInput input)
    {
        var part = ArtifactLayout.EmbeddingPart(input.Key, input.Batch.Index);
        if (await storage.Store.ExistsAsync(part).ConfigureAwait(false))
        {
            return 0;
        }

        var dataset = await datasets.GetAsync(input.Source.Dataset).ConfigureAwait(false);
        var texts = CatalogTexts.Of(dataset.Catalog, ItemTextTemplate.Parse(input.Source.Embedding.Template));
        var provider = providers.Get(input.Source.Embedding);
        if (texts.Key(provider.Model) != input.Key)
        {
            throw new InvalidOperationException($"embeddings key changed since the plan ({input.Key}): the catalog texts or the model differ");
        }

        var batch = texts.Distinct.Skip(input.Batch.Start).Take(input.Batch.Count).ToArray();
        var vectors = await provider.EmbedAsync(batch).ConfigureAwait(false);
        await storage.Store.WriteAsync(part, new MemoryStream(MemoryMarshal.AsBytes(vectors.AsSpan()).ToArray())).ConfigureAwait(false);
        return batch.Length;
    }
}
