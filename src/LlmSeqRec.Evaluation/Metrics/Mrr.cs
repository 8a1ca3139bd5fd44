namespace LlmSeqRec.Evaluation.Metrics;

/// <summary>MRR@k: Σ over hit positions j of 1/j, divided by the number of hits; 0 without a hit.</summary>
public sealed class Mrr : ISampleMetric
{
    /// <inheritdoc />
    public string Name => "MRR";

    /// <inheritdoc />
    public double Score(in Slate slate, MetricContext context)
    {
        var sum = 0.0;
        var hits = 0;
        for (var j = 0; j < slate.Items.Length; j++)
        {
            if (slate.IsRelevant(slate.Items[j]))
            {
                sum += 1.0 / (j + 1);
                hits++;
            }
        }

        return hits == 0 ? 0 : sum / hits;
    }
}
