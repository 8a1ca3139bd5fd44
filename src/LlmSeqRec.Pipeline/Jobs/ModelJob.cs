using LlmSeqRec.Pipeline.Activities;
using LlmSeqRec.Pipeline.Specification;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>
/// Fit one model on a prepared dataset and score it on the test cases: the unit of work of a CPU activity and of
/// a GPU-worker job. Everything it needs is referenced by artifact, never carried.
/// </summary>
/// <param name="RunId">The pipeline run that asked for it.</param>
/// <param name="Model">The model and its configuration.</param>
/// <param name="ResultHash">Content hash of (code version, dataset, embeddings, model, cutoffs): where the result goes.</param>
/// <param name="Dataset">The prepared dataset.</param>
/// <param name="Embeddings">Item embeddings, for the models that read them.</param>
/// <param name="Cutoffs">Metric cutoffs.</param>
public sealed record ModelJob(
    string RunId, ModelSpec Model, string ResultHash, DatasetRef Dataset, EmbeddingsRef? Embeddings, IReadOnlyList<int> Cutoffs);
