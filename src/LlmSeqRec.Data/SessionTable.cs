namespace LlmSeqRec.Data;

/// <summary>
/// Sessions in a compact row-offset layout: session s holds items Items[Offsets[s]..Offsets[s+1]) with their
/// timestamps, in time order (ties in input order). In a prepared dataset the sessions themselves are ordered by
/// end time (ties in order of first appearance), so the train split is a prefix.
/// </summary>
public sealed class SessionTable
{
    private readonly int[] _offsets;
    private readonly int[] _items;
    private readonly long[] _timestamps;

    /// <param name="ids">External session ids.</param>
    /// <param name="offsets">Ids.Length + 1 non-decreasing offsets into items, starting at 0.</param>
    /// <param name="items">Dense item indexes.</param>
    /// <param name="timestamps">Unix seconds, one per item.</param>
    public SessionTable(string[] ids, int[] offsets, int[] items, long[] timestamps)
    {
        if (offsets.Length != ids.Length + 1 || offsets[0] != 0 || offsets[^1] != items.Length || timestamps.Length != items.Length)
        {
            throw new ArgumentException("offsets must have one entry per session plus one, from 0 to the number of items");
        }

        Ids = ids;
        _offsets = offsets;
        _items = items;
        _timestamps = timestamps;
    }

    /// <summary>Number of sessions.</summary>
    public int Count => Ids.Count;

    /// <summary>Total number of interactions.</summary>
    public int InteractionCount => _items.Length;

    /// <summary>External session ids by dense index.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The items of session <paramref name="session"/> in time order.</summary>
    public ReadOnlySpan<int> ItemsOf(int session) => _items.AsSpan(_offsets[session], _offsets[session + 1] - _offsets[session]);

    /// <summary>The timestamps of session <paramref name="session"/>, aligned with <see cref="ItemsOf"/>.</summary>
    public ReadOnlySpan<long> TimestampsOf(int session) => _timestamps.AsSpan(_offsets[session], _offsets[session + 1] - _offsets[session]);

    /// <summary>The largest timestamp of a session.</summary>
    public long EndTime(int session)
    {
        var max = long.MinValue;
        foreach (var t in TimestampsOf(session))
        {
            max = Math.Max(max, t);
        }

        return max;
    }

    /// <summary>Interaction counts per item over the first <paramref name="sessionCount"/> sessions.</summary>
    public int[] ItemCounts(int itemCount, int? sessionCount = null)
    {
        var counts = new int[itemCount];
        var end = _offsets[sessionCount ?? Count];
        foreach (var item in _items.AsSpan(0, end))
        {
            counts[item]++;
        }

        return counts;
    }
}
