namespace LlmSeqRec.Evaluation.Metrics;

/// <summary>
/// A recommendation list prepared as the papers do: truncated to the cutoff first, then de-duplicated keeping
/// the first occurrence (so it may hold fewer than k items), with the ground truth beside it.
/// </summary>
public readonly struct Slate
{
    private Slate(int[] items, int[] groundTruth, int cutoff)
    {
        Items = items;
        GroundTruth = groundTruth;
        Cutoff = cutoff;
    }

    /// <summary>The de-duplicated top-k items, best first.</summary>
    public int[] Items { get; }

    /// <summary>The distinct ground-truth items.</summary>
    public int[] GroundTruth { get; }

    /// <summary>The cutoff k.</summary>
    public int Cutoff { get; }

    /// <summary>Prepares a slate from a raw recommendation list.</summary>
    public static Slate Create(ReadOnlySpan<int> recommendations, ReadOnlySpan<int> groundTruth, int cutoff)
    {
        var top = recommendations[..Math.Min(cutoff, recommendations.Length)];
        var items = new List<int>(top.Length);
        foreach (var item in top)
        {
            if (!items.Contains(item))
            {
                items.Add(item);
            }
        }

        var truth = new List<int>(groundTruth.Length);
        foreach (var item in groundTruth)
        {
            if (!truth.Contains(item))
            {
                truth.Add(item);
            }
        }

        return new Slate(items.ToArray(), truth.ToArray(), cutoff);
    }

    /// <summary>True when <paramref name="item"/> is a ground-truth item.</summary>
    public bool IsRelevant(int item) => Array.IndexOf(GroundTruth, item) >= 0;

    /// <summary>Number of distinct ground-truth items in the slate (the size of the intersection).</summary>
    public int HitCount
    {
        get
        {
            var hits = 0;
            foreach (var item in Items)
            {
                if (IsRelevant(item))
                {
                    hits++;
                }
            }

            return hits;
        }
    }
}
