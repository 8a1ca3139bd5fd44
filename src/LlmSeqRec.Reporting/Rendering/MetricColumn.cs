using System.Globalization;

namespace LlmSeqRec.Reporting.Rendering;

/// <summary>A metric family as the report's tables show it: the evaluator's name, a short header and its precision.</summary>
internal sealed record MetricColumn(string Metric, string Header, int Decimals)
{
    /// <summary>The evaluator's metrics, in its order (all: higher is better).</summary>
    public static IReadOnlyList<MetricColumn> All { get; } =
    [
        new("NDCG", "NDCG", 4),
        new("HitRate", "HitRate", 4),
        new("MRR", "MRR", 4),
        new("CatalogCoverage", "Coverage", 4),
        new("Serendipity", "Serendipity", 4),
        new("Novelty", "Novelty", 3),
    ];

    /// <summary>The metric's key at a cutoff, e.g. "NDCG@20".</summary>
    public string Key(int cutoff) => string.Create(CultureInfo.InvariantCulture, $"{Metric}@{cutoff}");

    /// <summary>A value at this column's precision, invariant culture.</summary>
    public string Format(double value) => double.IsFinite(value)
        ? value.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : "n/a";

    /// <summary>The largest finite value of <paramref name="key"/> over the completed models, or null.</summary>
    public static double? Best(RunReport report, string key)
    {
        double? best = null;
        foreach (var model in report.Models.Where(m => m.IsCompleted))
        {
            if (model.Metrics.TryGetValue(key, out var value) && double.IsFinite(value) && (best is null || value > best))
            {
                best = value;
            }
        }

        return best;
    }

    /// <summary>The report's cutoffs ascending; when it names none, the cutoffs found in the models' metric keys.</summary>
    public static IReadOnlyList<int> Cutoffs(RunReport report)
    {
        var cutoffs = report.Cutoffs.Count > 0
            ? report.Cutoffs
            : report.Models.SelectMany(m => m.Metrics.Keys).Select(CutoffOf).Where(k => k is not null).Select(k => k!.Value);
        return cutoffs.Where(k => k > 0).Distinct().Order().ToArray();
    }

    /// <summary>
    /// The metrics in a fixed order whatever the dictionary's: by cutoff, then in <see cref="All"/>'s order, then
    /// any other key ordinally.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Ordered(IReadOnlyDictionary<string, double> metrics) =>
        metrics
            .OrderBy(p => CutoffOf(p.Key) ?? int.MaxValue)
            .ThenBy(p => FamilyIndex(p.Key))
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToArray();

    private static int? CutoffOf(string key)
    {
        var at = key.LastIndexOf('@');
        return at >= 0 && int.TryParse(key.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : null;
    }

    private static int FamilyIndex(string key)
    {
        var at = key.LastIndexOf('@');
        var family = at >= 0 ? key[..at] : key;
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Metric == family)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
