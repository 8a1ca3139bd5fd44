using System.Runtime.InteropServices;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Embedding;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>Input of <see cref="MergeEmbeddingsActivity"/>.</summary>
public sealed record MergeEmbeddingsInput(EmbeddingInput Source, EmbeddingPlan Plan);

/// <summary>
/// Stage "embed", fan-in: joins the batch parts into the item matrix (items without text get zero rows) and
/// commits it as the embeddings artifact <c>embeddings/{key}</c>, in the format the command line reads.
/// </summary>
public sealed class MergeEmbeddingsActivity(PipelineStorage storage, DatasetCache datasets, EmbeddingProviders providers)
    : TaskActivity<MergeEmbeddingsInput, EmbeddingsRef>
{
    /// <inheritdoc />
    public override async Task<EmbeddingsRef> RunAsync(TaskActivityContext context, MergeEmbeddingsInput input)
    {
        var key = input.Plan.Key;
        var model = providers.Get(input.Source.Embedding).Model;
        var prefix = ArtifactLayout.Embeddings(key);
        if (await ArtifactFolders.IsCommittedAsync(storage.Store, prefix).ConfigureAwait(false))
        {
            return PlanEmbeddingsActivity.Reference(storage, key, model);
        }

        var dataset = await datasets.GetAsync(input.Source.Dataset).ConfigureAwait(false);
        var template = ItemTextTemplate.Parse(input.Source.Embedding.Template);
        var texts = CatalogTexts.Of(dataset.Catalog, template);
        var vectors = new float[(long)texts.Distinct.Count * model.Dimensions];
        foreach (var batch in input.Plan.Batches)
        {
            var path = ArtifactLayout.EmbeddingPart(key, batch.Index);
            await using var part = await storage.Store.OpenReadAsync(path).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"embedding batch {batch.Index} is missing: {storage.Store.Locate(path)}");
            var buffer = new byte[(long)batch.Count * model.Dimensions * sizeof(float)];
            await part.ReadExactlyAsync(buffer).ConfigureAwait(false);
            buffer.CopyTo(MemoryMarshal.AsBytes(vectors.AsSpan(batch.Start * model.Dimensions, batch.Count * model.Dimensions)));
        }

        var matrix = texts.Assemble(model, dataset.Catalog.Ids, vectors);
        var scratch = storage.ScratchFolder();
        try
        {
            var local = new EmbeddingStore(scratch);
            local.Write(key, matrix, template.Name);
            await ArtifactFolders.UploadAsync(storage.Store, prefix, local.FolderOf(key)).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return PlanEmbeddingsActivity.Reference(storage, key, model);
    }
}
