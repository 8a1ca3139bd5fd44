using LlmSeqRec.Data;

namespace LlmSeqRec.Evaluation;

/// <summary>
/// What the papers' beyond-accuracy metrics need from the dataset: interaction counts per item over the whole
/// dataset (train and test) and the number of distinct items in it.
/// </summary>
public sealed class MetricContext
{
    private readonly Dictionary<int, HashSet<int>> _expected = [];

    /// <param name="itemCounts">Interaction counts by dense item index over the whole dataset.</param>
    public MetricContext(int[] itemCounts)
    {
        ItemCounts = itemCounts;
        TotalCount = itemCounts.Sum(c => (long)c);
        CatalogSize = itemCounts.Count(c => c > 0);
    }

    /// <summary>Builds the context of a prepared dataset.</summary>
    public static MetricContext For(PreparedDataset dataset) => new(dataset.ItemCounts());

    /// <summary>Interaction counts by dense item index.</summary>
    public IReadOnlyList<int> ItemCounts { get; }

    /// <summary>Sum of all counts.</summary>
    public long TotalCount { get; }

    /// <summary>Distinct items in the dataset: the catalog-coverage denominator.</summary>
    public int CatalogSize { get; }

    /// <summary>The k most frequent items (ties by lower index): the "expected" set of serendipity.</summary>
    public IReadOnlySet<int> ExpectedItems(int k)
    {
        lock (_expected)
        {
            if (!_expected.TryGetValue(k, out var set))
            {
                set = Enumerable.Range(0, ItemCounts.Count)
                    .OrderByDescending(i => ItemCounts[i])
                    .ThenBy(i => i)
                    .Take(k)
                    .ToHashSet();
                _expected[k] = set;
            }

            return set;
        }
    }

    /// <summary>Self-information −log2(count/total) of an item; 0 for items outside the counts.</summary>
    public double SelfInformation(int item) =>
        item >= 0 && item < ItemCounts.Count && ItemCounts[item] > 0
            ? -Math.Log2((double)ItemCounts[item] / TotalCount)
            : 0;
}
