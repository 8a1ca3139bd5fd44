namespace LlmSeqRec.Evaluation.Metrics;

/// <summary>
/// Novelty@k: the mean over slate items of −log2(count / total count), counts over the whole dataset; items
/// without a count add 0 but still count in the mean; an empty slate scores 0.
/// </summary>
public sealed class Novelty : ISampleMetric
{
    /// <inheritdoc />
    public string Name => "Novelty";

    /// <inheritdoc />
    public double Score(in Slate slate, MetricContext context)
    {
        if (slate.Items.Length == 0)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var item in slate.Items)
        {
            sum += context.SelfInformation(item);
        }

        return sum / slate.Items.Length;
    }
}
