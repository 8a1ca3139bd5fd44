namespace LlmSeqRec.Evaluation.Metrics;

/// <summary>HitRate@k: 1 when the slate holds any ground-truth item, else 0.</summary>
public sealed class HitRate : ISampleMetric
{
    /// <inheritdoc />
    public string Name => "HitRate";

    /// <inheritdoc />
    public double Score(in Slate slate, MetricContext context) => slate.HitCount > 0 ? 1 : 0;
}
