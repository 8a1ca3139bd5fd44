using LlmSeqRec.Evaluation;
using LlmSeqRec.Models.Neural;
using LlmSeqRec.Pipeline.Specification;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>What a model job produced, stored as <c>models/{hash}/result.json</c> (written last: its presence means done).</summary>
/// <param name="Slug">The model's id within a run (name, preset, seed).</param>
/// <param name="Model">The model spec.</param>
/// <param name="ResultHash">The content hash it is stored under.</param>
/// <param name="DatasetHash">The dataset it was fitted and scored on.</param>
/// <param name="EmbeddingsKey">The item embeddings it read, if any.</param>
/// <param name="CodeVersion">The code that produced it.</param>
/// <param name="Sessions">Test cases scored.</param>
/// <param name="Metrics">Metric values by name (NDCG@20, ...).</param>
/// <param name="FitSeconds">Fit (training) time.</param>
/// <param name="EvaluateSeconds">Scoring time.</param>
/// <param name="HitRateByLength">Hit rate at the largest cutoff by prompt length.</param>
/// <param name="Training">Neural models: every epoch (loss, validation NDCG@20, time).</param>
/// <param name="ArtifactUrl">Neural models: where the trained model artifact is.</param>
/// <param name="ProducedBy">The host process that ran the job (machine/process id), for lineage and debugging.</param>
public sealed record ModelResult(
    string Slug,
    ModelSpec Model,
    string ResultHash,
    string DatasetHash,
    string? EmbeddingsKey,
    string CodeVersion,
    int Sessions,
    IReadOnlyDictionary<string, double> Metrics,
    double FitSeconds,
    double EvaluateSeconds,
    IReadOnlyList<SessionLengthBucket> HitRateByLength,
    IReadOnlyList<EpochSummary> Training,
    string? ArtifactUrl,
    string? ProducedBy = null);
