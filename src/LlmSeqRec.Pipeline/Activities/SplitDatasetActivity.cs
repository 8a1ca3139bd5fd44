using LlmSeqRec.Data;
using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Data.Preparation;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Specification;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>Input of <see cref="SplitDatasetActivity"/>: the ingested source and the ingestion options.</summary>
public sealed record SplitInput(SourceRef Source, DatasetSpec Dataset);

/// <summary>A prepared dataset in the store.</summary>
/// <param name="ContentHash">The dataset's content hash (what models and metrics see).</param>
/// <param name="Prefix">Its folder in the store.</param>
/// <param name="Name">Dataset name.</param>
/// <param name="Sessions">Sessions after filtering.</param>
/// <param name="Items">Catalog size.</param>
/// <param name="TestCases">Test cases (prompt + last item).</param>
/// <param name="Url">Where a person finds it.</param>
public sealed record DatasetRef(string ContentHash, string Prefix, string Name, int Sessions, int Items, int TestCases, string Url);

/// <summary>
/// Stage "split": k-core filtering, sessions and the papers' temporal split of an ingested source, written as a
/// prepared dataset under <c>datasets/{content hash}</c>. The (source, options) pair points at its dataset through
/// <c>splits/{hash}.json</c>, so a second run over the same input and options does no work.
/// </summary>
public sealed class SplitDatasetActivity(PipelineStorage storage) : TaskActivity<SplitInput, DatasetRef>
{
    /// <inheritdoc />
    public override async Task<DatasetRef> RunAsync(TaskActivityContext context, SplitInput input)
    {
        var options = new IngestionOptions(input.Dataset.KCore, input.Dataset.TestFraction, input.Dataset.Folds, input.Dataset.SkipBadLines, input.Dataset.DropUnknownItems);
        options.Validate();
        var pointer = ArtifactLayout.Split(ContentHash.Of("llmseqrec.split/1", input.Source.Hash, input.Source.Name, options.ToString()));
        if (await storage.ReadJsonAsync<DatasetRef>(pointer).ConfigureAwait(false) is { } done
            && await ArtifactFolders.IsCommittedAsync(storage.Store, done.Prefix).ConfigureAwait(false))
        {
            return done;
        }

        var folder = await storage.LocalFolderAsync(input.Source.Prefix).ConfigureAwait(false);
        var source = DatasetLoader.FindSource(folder)
            ?? throw new DatasetFormatException(input.Source.Prefix, null, null, "the source is already a prepared dataset; give its input files instead");
        PreparedDataset dataset;
        try
        {
            dataset = DatasetPreparer.Prepare(source, input.Source.Name, options);
        }
        catch (DatasetFormatException e) when (e.File.StartsWith(folder, StringComparison.Ordinal))
        {
            // Name the file as the user knows it (the source they gave), not by this host's cache path.
            var file = $"{input.Source.Origin.TrimEnd('/')}/{Path.GetRelativePath(folder, e.File).Replace(Path.DirectorySeparatorChar, '/')}";
            throw new DatasetFormatException(file, e.Line, e.Field, e.Reason);
        }

        var prefix = ArtifactLayout.Dataset(dataset.Manifest.ContentHash);
        if (!await ArtifactFolders.IsCommittedAsync(storage.Store, prefix).ConfigureAwait(false))
        {
            var scratch = storage.ScratchFolder();
            try
            {
                var written = Path.Combine(scratch, "dataset");
                PreparedDatasetStore.Write(dataset, written);
                await ArtifactFolders.UploadAsync(storage.Store, prefix, written).ConfigureAwait(false);
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        var reference = new DatasetRef(dataset.Manifest.ContentHash, prefix, input.Source.Name, dataset.Sessions.Count, dataset.Catalog.Count, dataset.Test.Count, storage.Store.Locate(prefix));
        await storage.WriteJsonAsync(pointer, reference).ConfigureAwait(false);
        return reference;
    }
}
