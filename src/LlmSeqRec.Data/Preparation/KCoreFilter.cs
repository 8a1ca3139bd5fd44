namespace LlmSeqRec.Data.Preparation;

/// <summary>
/// Iterative k-core filtering: interactions of sessions or items with fewer than k interactions are removed,
/// repeatedly, until every remaining session and item has at least k.
/// </summary>
public static class KCoreFilter
{
    /// <summary>Marks the interactions that survive.</summary>
    /// <param name="sessions">Session index per interaction.</param>
    /// <param name="items">Item index per interaction.</param>
    /// <param name="keep">In: interactions still in play; out: the survivors.</param>
    /// <param name="k">Minimum count; 0 or 1 keeps everything.</param>
    /// <returns>The number of rounds that removed something.</returns>
    public static int Apply(ReadOnlySpan<int> sessions, ReadOnlySpan<int> items, Span<bool> keep, int k)
    {
        if (k <= 1)
        {
            return 0;
        }

        var sessionCounts = new int[Max(sessions) + 1];
        var itemCounts = new int[Max(items) + 1];
        var rounds = 0;
        while (true)
        {
            Array.Clear(sessionCounts);
            Array.Clear(itemCounts);
            for (var r = 0; r < keep.Length; r++)
            {
                if (keep[r])
                {
                    sessionCounts[sessions[r]]++;
                    itemCounts[items[r]]++;
                }
            }

            var removed = false;
            for (var r = 0; r < keep.Length; r++)
            {
                if (keep[r] && (sessionCounts[sessions[r]] < k || itemCounts[items[r]] < k))
                {
                    keep[r] = false;
                    removed = true;
                }
            }

            if (!removed)
            {
                return rounds;
            }

            rounds++;
        }
    }

    private static int Max(ReadOnlySpan<int> values)
    {
        var max = -1;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
