namespace LlmSeqRec.Models.Neural;

/// <summary>
/// The papers' model input: the last N items of a sequence, left-padded with the mask id. There is no attention
/// padding mask: padding positions are ordinary inputs (the mask token) at fixed positions.
/// </summary>
public static class SequenceWindow
{
    /// <summary>Writes the last <c>row.Length</c> ids of <paramref name="ids"/> right-aligned into <paramref name="row"/>, the rest <paramref name="maskId"/>.</summary>
    public static void Fill(ReadOnlySpan<int> ids, Span<long> row, long maskId)
    {
        var take = Math.Min(ids.Length, row.Length);
        var pad = row.Length - take;
        row[..pad].Fill(maskId);
        var tail = ids[^take..];
        for (var i = 0; i < take; i++)
        {
            row[pad + i] = tail[i];
        }
    }

    /// <summary>
    /// Row-major inputs (count × <paramref name="length"/>) for sequences <paramref name="start"/>..start+count of
    /// <paramref name="sequences"/>, each its last <paramref name="length"/> ids left-padded with <paramref name="maskId"/>.
    /// </summary>
    public static long[] Inputs(IReadOnlyList<int[]> sequences, int start, int count, int length, long maskId)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var inputs = new long[count * length];
        for (var b = 0; b < count; b++)
        {
            Fill(sequences[start + b], inputs.AsSpan(b * length, length), maskId);
        }

        return inputs;
    }
}
