namespace LlmSeqRec.Models.Neural;

/// <summary>
/// A training batch of next-item models (SASRec, GRU4Rec): each sequence's last N+1 items, left-padded with the
/// mask id, split into input[:-1] and target[1:]. The loss is taken only at non-padding input positions, so the
/// batch carries those positions (flat indexes into the Size × Length inputs) and their target ids.
/// </summary>
/// <param name="Inputs">Size × Length input ids, row-major.</param>
/// <param name="Size">Number of sequences.</param>
/// <param name="Length">Window length N.</param>
/// <param name="TargetPositions">Flat indexes (row · Length + position) of the non-padding inputs.</param>
/// <param name="Targets">The next item at each of <paramref name="TargetPositions"/>.</param>
public sealed record NextItemBatch(long[] Inputs, int Size, int Length, long[] TargetPositions, long[] Targets)
{
    /// <summary>The batch of sequences <paramref name="sequences"/>[order[i]] (model ids, time order).</summary>
    public static NextItemBatch Create(IReadOnlyList<int[]> sequences, ReadOnlySpan<int> order, int length, int maskId)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var inputs = new long[order.Length * length];
        var positions = new List<long>(order.Length * length);
        var targets = new List<long>(order.Length * length);
        Span<long> window = stackalloc long[length + 1];
        for (var b = 0; b < order.Length; b++)
        {
            SequenceWindow.Fill(sequences[order[b]], window, maskId);
            window[..length].CopyTo(inputs.AsSpan(b * length, length));
            for (var t = 0; t < length; t++)
            {
                if (window[t] != maskId)
                {
                    positions.Add((b * length) + t);
                    targets.Add(window[t + 1]);
                }
            }
        }

        return new NextItemBatch(inputs, order.Length, length, [.. positions], [.. targets]);
    }
}
