using LlmSeqRec.Data;

namespace LlmSeqRec.Models.Knn;

/// <summary>
/// The train sessions as the kNN models look them up: each session's distinct items, the inverted index item →
/// sessions, session recency, item idf and the direct-successor sets of the sequential filter.
/// </summary>
/// <remarks>
/// Sessions are renumbered by recency: session 0 ended first, a larger number ended later (end time = the largest
/// timestamp of the session; equal end times keep the training order). <see cref="SessionsWith"/> lists sessions in
/// that order, so the most recent ones are at its end. A session counts each item once (binary item vectors).
/// </remarks>
public sealed class SessionIndex
{
    private readonly int[] _itemOffsets;
    private readonly int[] _items;
    private readonly int[] _sessionOffsets;
    private readonly int[] _sessions;
    private readonly int[] _successorOffsets;
    private readonly int[] _successors;
    private readonly int[] _trainingSession;
    private readonly long[] _endTimes;
    private readonly double[] _idf;

    private SessionIndex(
        TrainingSet training, int[] trainingSession, long[] endTimes, int[] itemOffsets, int[] items,
        int[] sessionOffsets, int[] sessions, int[] successorOffsets, int[] successors, int nonEmptySessions)
    {
        Training = training;
        _trainingSession = trainingSession;
        _endTimes = endTimes;
        _itemOffsets = itemOffsets;
        _items = items;
        _sessionOffsets = sessionOffsets;
        _sessions = sessions;
        _successorOffsets = successorOffsets;
        _successors = successors;
        NonEmptySessionCount = nonEmptySessions;
        _idf = new double[ItemCount];
        for (var item = 0; item < ItemCount; item++)
        {
            var frequency = SessionFrequency(item);
            _idf[item] = frequency == 0 ? 0 : 1 + Math.Log((double)nonEmptySessions / frequency);
        }
    }

    /// <summary>What the index was built from.</summary>
    public TrainingSet Training { get; }

    /// <summary>Number of train sessions.</summary>
    public int SessionCount => _trainingSession.Length;

    /// <summary>Number of train sessions with at least one item (the N of the idf).</summary>
    public int NonEmptySessionCount { get; }

    /// <summary>Catalog size: items are 0..ItemCount-1.</summary>
    public int ItemCount => _sessionOffsets.Length - 1;

    /// <summary>Builds the index of the train sessions of <paramref name="training"/>.</summary>
    public static SessionIndex Build(TrainingSet training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var n = training.SessionCount;
        var itemCount = training.Catalog.Count;

        var endTimes = new long[n];
        var order = new int[n];
        for (var s = 0; s < n; s++)
        {
            endTimes[s] = training.ItemsOf(s).IsEmpty ? long.MinValue : training.Sessions.EndTime(s);
            order[s] = s;
        }

        Array.Sort(order, (a, b) => endTimes[a] != endTimes[b] ? endTimes[a].CompareTo(endTimes[b]) : a.CompareTo(b));

        // Distinct items per session (first occurrence order), item frequencies, successor pairs.
        var seen = new int[itemCount];
        var itemOffsets = new int[n + 1];
        var items = new List<int>(training.Sessions.InteractionCount);
        var frequency = new int[itemCount + 1];
        var pairs = new List<long>(training.Sessions.InteractionCount);
        var sortedEndTimes = new long[n];
        var nonEmpty = 0;
        for (var r = 0; r < n; r++)
        {
            var sequence = training.ItemsOf(order[r]);
            sortedEndTimes[r] = endTimes[order[r]];
            nonEmpty += sequence.IsEmpty ? 0 : 1;
            for (var j = 0; j < sequence.Length; j++)
            {
                var item = sequence[j];
                if ((uint)item >= (uint)itemCount)
                {
                    throw new ArgumentException($"train session {order[r]} holds item {item}, outside the catalog of {itemCount} items");
                }

                if (seen[item] != r + 1)
                {
                    seen[item] = r + 1;
                    items.Add(item);
                    frequency[item + 1]++;
                }

                if (j + 1 < sequence.Length)
                {
                    pairs.Add(((long)item << 32) | (uint)sequence[j + 1]);
                }
            }

            itemOffsets[r + 1] = items.Count;
        }

        // Inverted index: counting sort by item; sessions are visited in recency order, so each list is ascending.
        var sessionOffsets = frequency;
        for (var i = 0; i < itemCount; i++)
        {
            sessionOffsets[i + 1] += sessionOffsets[i];
        }

        var sessions = new int[items.Count];
        var fill = sessionOffsets[..^1];
        for (var r = 0; r < n; r++)
        {
            for (var j = itemOffsets[r]; j < itemOffsets[r + 1]; j++)
            {
                sessions[fill[items[j]]++] = r;
            }
        }

        // Direct successors: distinct (item, next item) pairs, grouped by item.
        pairs.Sort();
        var successorOffsets = new int[itemCount + 1];
        var successors = new List<int>(pairs.Count);
        for (var p = 0; p < pairs.Count; p++)
        {
            if (p > 0 && pairs[p] == pairs[p - 1])
            {
                continue;
            }

            successorOffsets[(int)(pairs[p] >> 32) + 1]++;
            successors.Add((int)(pairs[p] & 0xFFFFFFFF));
        }

        for (var i = 0; i < itemCount; i++)
        {
            successorOffsets[i + 1] += successorOffsets[i];
        }

        return new SessionIndex(training, order, sortedEndTimes, itemOffsets, [.. items], sessionOffsets, sessions,
            successorOffsets, [.. successors], nonEmpty);
    }

    /// <summary>The distinct items of session <paramref name="session"/>, in order of first occurrence.</summary>
    public ReadOnlySpan<int> ItemsOf(int session) => _items.AsSpan(_itemOffsets[session], _itemOffsets[session + 1] - _itemOffsets[session]);

    /// <summary>The full item sequence of session <paramref name="session"/> (time order, repeats kept).</summary>
    public ReadOnlySpan<int> SequenceOf(int session) => Training.ItemsOf(_trainingSession[session]);

    /// <summary>The sessions holding <paramref name="item"/>, oldest first.</summary>
    public ReadOnlySpan<int> SessionsWith(int item) => _sessions.AsSpan(_sessionOffsets[item], _sessionOffsets[item + 1] - _sessionOffsets[item]);

    /// <summary>The index in <see cref="Training"/> of session <paramref name="session"/>.</summary>
    public int TrainingSessionOf(int session) => _trainingSession[session];

    /// <summary>The end time (largest timestamp) of session <paramref name="session"/>.</summary>
    public long EndTimeOf(int session) => _endTimes[session];

    /// <summary>How many train sessions hold <paramref name="item"/>.</summary>
    public int SessionFrequency(int item) => _sessionOffsets[item + 1] - _sessionOffsets[item];

    /// <summary>Whether <paramref name="item"/> is a catalog item that occurs in some train session.</summary>
    public bool IsTrained(int item) => (uint)item < (uint)ItemCount && SessionFrequency(item) > 0;

    /// <summary>1 + ln(N / #sessions holding the item), N = <see cref="NonEmptySessionCount"/>; 0 for untrained items.</summary>
    public double Idf(int item) => _idf[item];

    /// <summary>The distinct items that directly follow <paramref name="item"/> somewhere in a train session, ascending.</summary>
    public ReadOnlySpan<int> SuccessorsOf(int item) =>
        _successors.AsSpan(_successorOffsets[item], _successorOffsets[item + 1] - _successorOffsets[item]);
}
