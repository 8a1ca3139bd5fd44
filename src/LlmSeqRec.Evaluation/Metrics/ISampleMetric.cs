namespace LlmSeqRec.Evaluation.Metrics;

/// <summary>A metric scored per case and averaged over cases (sum divided by the number of cases).</summary>
public interface ISampleMetric
{
    /// <summary>The metric's name without the cutoff (e.g. "NDCG").</summary>
    string Name { get; }

    /// <summary>The score of one case.</summary>
    double Score(in Slate slate, MetricContext context);
}
