using System.Diagnostics;
using LlmSeqRec.Data;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Evaluation;
using LlmSeqRec.Models;
using LlmSeqRec.Models.Neural;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Specification;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>
/// Runs a <see cref="ModelJob"/>: fit on the train split, score the test cases, store the trained model (neural
/// models) and then the result, which is written last and marks the job done. A job whose result exists returns
/// it at once, so a duplicate delivery never trains twice; neural training checkpoints every epoch in the store
/// and a restarted job resumes from there. The CPU activity and the GPU worker share this class.
/// </summary>
public sealed class ModelJobRunner(PipelineStorage storage, DatasetCache datasets)
{
    /// <summary>How often a running job checks whether its run was cancelled.</summary>
    public TimeSpan CancellationPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The stored result of a job with <paramref name="resultHash"/>, or null.</summary>
    public Task<ModelResult?> FindAsync(string resultHash, CancellationToken cancellationToken = default) =>
        storage.ReadJsonAsync<ModelResult>(ArtifactLayout.ModelResult(resultHash), cancellationToken);

    /// <summary>The content hash a job's result is stored under: code version, dataset, embeddings (if read), model spec, cutoffs.</summary>
    public static string ResultHash(ModelSpec model, string datasetHash, string? embeddingsKey, IReadOnlyList<int> cutoffs) =>
        ContentHash.Of(
            "llmseqrec.model-result/1",
            CodeVersion.Current,
            datasetHash,
            ModelRegistry.NeedsEmbeddings(model.Name) ? embeddingsKey : null,
            System.Text.Json.JsonSerializer.Serialize(model, PipelineSpecReader.JsonOptions),
            string.Join(',', cutoffs));

    /// <summary>Runs the job (or returns its stored result).</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled or <paramref name="cancellationToken"/> fired.</exception>
    public async Task<ModelResult> RunAsync(ModelJob job, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await FindAsync(job.ResultHash, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done;
        }

        using var cancellation = RunCancellation.Watch(storage.Store, job.RunId, CancellationPollInterval, cancellationToken);
        var token = cancellation.Token;
        var dataset = await datasets.GetAsync(job.Dataset, token).ConfigureAwait(false);
        var needsEmbeddings = ModelRegistry.NeedsEmbeddings(job.Model.Name);
        if (needsEmbeddings && job.Embeddings is null)
        {
            throw new InvalidOperationException($"model '{job.Model.Slug}' needs item embeddings and the job has none");
        }

        IItemEmbeddingSource? embeddings = needsEmbeddings
            ? new StoredItemEmbeddings(await storage.LocalFolderAsync(job.Embeddings!.Prefix, token).ConfigureAwait(false))
            : null;
        var neural = ModelRegistry.IsNeural(job.Model.Name);
        var checkpoints = neural ? new ArtifactCheckpointStore(storage.Store, ArtifactLayout.ModelCheckpoint(job.ResultHash)) : null;
        var model = ModelRegistry.Create(job.Model.Name, PipelineSpecReader.ToSettings(job.Model), new ModelServices(embeddings, checkpoints));
        try
        {
            var clock = Stopwatch.StartNew();
            await model.FitAsync(dataset.TrainingSet, progress, token).ConfigureAwait(false);
            var fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var evaluator = new Evaluator(MetricContext.For(dataset), job.Cutoffs);
            var recommendations = evaluator.Recommend(model, dataset.Test, cancellationToken: token);
            var scores = evaluator.Score(dataset.Test, recommendations);
            var evaluateSeconds = clock.Elapsed.TotalSeconds;
            string? artifactUrl = null;
            if (model is NeuralRecommender trained)
            {
                artifactUrl = await SaveArtifactAsync(trained, dataset.Catalog, job.ResultHash, token).ConfigureAwait(false);
            }

            var result = new ModelResult(
                job.Model.Slug,
                job.Model,
                job.ResultHash,
                job.Dataset.ContentHash,
                needsEmbeddings ? job.Embeddings!.Key : null,
                CodeVersion.Current,
                scores.Sessions,
                scores.Metrics,
                fitSeconds,
                evaluateSeconds,
                SessionLengthBreakdown.Compute(dataset.Test, recommendations, evaluator.MaxCutoff).Buckets,
                (model as NeuralRecommender)?.Outcome?.History ?? [],
                artifactUrl,
                $"{Environment.MachineName}/{Environment.ProcessId}");
            await storage.WriteJsonAsync(ArtifactLayout.ModelResult(job.ResultHash), result, CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private async Task<string> SaveArtifactAsync(NeuralRecommender model, Catalog catalog, string resultHash, CancellationToken cancellationToken)
    {
        var prefix = ArtifactLayout.ModelArtifact(resultHash);
        var scratch = storage.ScratchFolder();
        try
        {
            var folder = Path.Combine(scratch, "model");
            model.Save(folder, catalog);
            await ArtifactFolders.UploadAsync(storage.Store, prefix, folder, cancellationToken).ConfigureAwait(false);
            return storage.Store.Locate(prefix);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
