namespace LlmSeqRec.Evaluation.Metrics;

/// <summary>
/// Catalog coverage@k: the number of distinct items over all slates divided by the number of distinct items in
/// the whole dataset. Unlike the other metrics it is not an average over cases.
/// </summary>
public sealed class CatalogCoverage
{
    private readonly HashSet<int> _covered = [];

    /// <summary>The metric's name without the cutoff.</summary>
    public const string Name = "CatalogCoverage";

    /// <summary>Adds one slate's items.</summary>
    public void Add(in Slate slate) => _covered.UnionWith(slate.Items);

    /// <summary>The coverage so far.</summary>
    public double Value(MetricContext context) => context.CatalogSize == 0 ? 0 : (double)_covered.Count / context.CatalogSize;
}
