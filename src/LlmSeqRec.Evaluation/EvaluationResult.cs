namespace LlmSeqRec.Evaluation;

/// <summary>Scores of one model on one set of cases.</summary>
/// <param name="Sessions">Number of evaluated cases (sessions).</param>
/// <param name="Metrics">Metric name (e.g. "NDCG@20") to value, in a stable display order.</param>
public sealed record EvaluationResult(int Sessions, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The value of a metric by name.</summary>
    public double this[string metric] => Metrics[metric];
}
