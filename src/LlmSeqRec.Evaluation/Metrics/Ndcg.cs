namespace LlmSeqRec.Evaluation.Metrics;

/// <summary>
/// NDCG@k with binary relevance: DCG = Σ over hit positions j (1-based) of 1/log2(j+1), divided by the DCG of
/// min(|ground truth|, k) hits at the top.
/// </summary>
public sealed class Ndcg : ISampleMetric
{
    /// <inheritdoc />
    public string Name => "NDCG";

    /// <inheritdoc />
    public double Score(in Slate slate, MetricContext context)
    {
        var dcg = 0.0;
        for (var j = 0; j < slate.Items.Length; j++)
        {
            if (slate.IsRelevant(slate.Items[j]))
            {
                dcg += 1.0 / Math.Log2(j + 2);
            }
        }

        var ideal = 0.0;
        for (var j = 0; j < Math.Min(slate.GroundTruth.Length, slate.Cutoff); j++)
        {
            ideal += 1.0 / Math.Log2(j + 2);
        }

        return ideal == 0 ? 0 : dcg / ideal;
    }
}
