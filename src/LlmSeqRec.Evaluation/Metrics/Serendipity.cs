namespace LlmSeqRec.Evaluation.Metrics;

/// <summary>
/// Serendipity@k (Ge et al. 2010, as the papers compute it): the unexpected items are the ground truth minus the
/// k most popular items of the whole dataset; the score is (slate items that are unexpected) divided by
/// min(|unexpected|, |slate|), or 0 when that is 0.
/// </summary>
public sealed class Serendipity : ISampleMetric
{
    /// <inheritdoc />
    public string Name => "Serendipity";

    /// <inheritdoc />
    public double Score(in Slate slate, MetricContext context)
    {
        var expected = context.ExpectedItems(slate.Cutoff);
        var unexpected = slate.GroundTruth.Where(i => !expected.Contains(i)).ToArray();
        var denominator = Math.Min(unexpected.Length, slate.Items.Length);
        if (denominator == 0)
        {
            return 0;
        }

        var relevant = slate.Items.Count(i => Array.IndexOf(unexpected, i) >= 0);
        return (double)relevant / denominator;
    }
}
