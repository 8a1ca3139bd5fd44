using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Specification;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>Input of a model's run: the model, the data it reads and how to wait for a worker.</summary>
public sealed record ModelRunInput(
    string RunId, ModelSpec Model, DatasetRef Dataset, EmbeddingsRef? Embeddings, IReadOnlyList<int> Cutoffs, WorkerPolicy Worker);

/// <summary>A model run's job (with its content hash) and the stored result when the same job ran before.</summary>
public sealed record ModelResolution(ModelJob Job, ModelResult? Existing);

/// <summary>
/// First step of a model's run: the job's content hash (code version, dataset, embeddings, model, cutoffs) and an
/// existing result for it, so a re-run skips models that finished.
/// </summary>
public sealed class ResolveModelActivity(ModelJobRunner runner) : TaskActivity<ModelRunInput, ModelResolution>
{
    /// <inheritdoc />
    public override async Task<ModelResolution> RunAsync(TaskActivityContext context, ModelRunInput input)
    {
        var hash = ModelJobRunner.ResultHash(input.Model, input.Dataset.ContentHash, input.Embeddings?.Key, input.Cutoffs);
        var job = new ModelJob(input.RunId, input.Model, hash, input.Dataset, input.Embeddings, input.Cutoffs);
        return new ModelResolution(job, await runner.FindAsync(hash).ConfigureAwait(false));
    }
}
