using System.Text.Json.Serialization;

namespace LlmSeqRec.Reporting;

/// <summary>What one model did in a run.</summary>
/// <param name="Model">The model as the run names it, e.g. "vsknn:p1" (name, then an optional ":preset").</param>
/// <param name="Status">One of <see cref="ModelStatus"/>: completed, failed or not available.</param>
/// <param name="Error">Why the model has no scores (failed or not available); null when it completed.</param>
/// <param name="Metrics">Metric name as the evaluator writes it (e.g. "NDCG@20") to value; empty unless completed.</param>
/// <param name="FitSeconds">Wall time of fitting/training, when known.</param>
/// <param name="EvaluateSeconds">Wall time of scoring the test cases, when known.</param>
/// <param name="HitRateByLength">Hit rate per prompt-length bucket at the run's largest cutoff; empty when not computed.</param>
/// <param name="TrainingCurve">Loss and validation NDCG@20 per epoch; empty for models that do not train by epochs.</param>
public sealed record ModelReport(
    string Model,
    string Status,
    string? Error,
    IReadOnlyDictionary<string, double> Metrics,
    double? FitSeconds,
    double? EvaluateSeconds,
    IReadOnlyList<LengthBucket> HitRateByLength,
    IReadOnlyList<EpochPoint> TrainingCurve)
{
    /// <summary>True when the model has scores (<see cref="ModelStatus.Completed"/>).</summary>
    [JsonIgnore]
    public bool IsCompleted => Status == ModelStatus.Completed;

    /// <summary>A model that ran and was scored.</summary>
    public static ModelReport Completed(
        string model,
        IReadOnlyDictionary<string, double> metrics,
        double? fitSeconds = null,
        double? evaluateSeconds = null,
        IReadOnlyList<LengthBucket>? hitRateByLength = null,
        IReadOnlyList<EpochPoint>? trainingCurve = null) =>
        new(model, ModelStatus.Completed, null, metrics, fitSeconds, evaluateSeconds, hitRateByLength ?? [], trainingCurve ?? []);

    /// <summary>A model that was tried and failed with <paramref name="error"/>.</summary>
    public static ModelReport Failed(string model, string error, double? fitSeconds = null) =>
        new(model, ModelStatus.Failed, error, new Dictionary<string, double>(), fitSeconds, null, [], []);

    /// <summary>A model the run could not run here (e.g. not implemented yet, or no worker for it), with why.</summary>
    public static ModelReport NotAvailable(string model, string reason) =>
        new(model, ModelStatus.NotAvailable, reason, new Dictionary<string, double>(), null, null, [], []);
}
