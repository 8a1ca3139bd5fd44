namespace LlmSeqRec.Models.Knn;

/// <summary>
/// Scratch space for recommending one prompt at a time on one thread: dense lookups of the current prompt's items,
/// a set of sessions that clears in O(1), and reusable buffers. One workspace per thread; never shared.
/// </summary>
public sealed class KnnWorkspace
{
    private readonly double[] _promptWeight;
    private readonly int[] _promptPosition;
    private readonly int[] _sessionMark;
    private int _markStamp;
    private KnnPrompt? _prompt;
    private (Neighbour Neighbour, int Order)[] _rankBuffer = [];

    /// <summary>A workspace sized for <paramref name="index"/>.</summary>
    public KnnWorkspace(SessionIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        _promptWeight = new double[index.ItemCount];
        _promptPosition = new int[index.ItemCount];
        _sessionMark = new int[index.SessionCount];
        ItemScores = new double[index.ItemCount];
        ItemScored = new bool[index.ItemCount];
    }

    /// <summary>A reusable list of sessions (for candidate sampling).</summary>
    public List<int> Sessions { get; } = [];

    /// <summary>A reusable list of items whose <see cref="ItemScores"/> entry is in use.</summary>
    internal List<int> ScoredItems { get; } = [];

    /// <summary>Score accumulators by item; all zero between prompts.</summary>
    internal double[] ItemScores { get; }

    /// <summary>Whether an item is in <see cref="ScoredItems"/>; all false between prompts.</summary>
    internal bool[] ItemScored { get; }

    /// <summary>A buffer of at least <paramref name="length"/> entries for ranking neighbours.</summary>
    internal Span<(Neighbour Neighbour, int Order)> RankBuffer(int length)
    {
        if (_rankBuffer.Length < length)
        {
            _rankBuffer = new (Neighbour, int)[Math.Max(length, 2 * _rankBuffer.Length)];
        }

        return _rankBuffer.AsSpan(0, length);
    }

    /// <summary>The decay weight of <paramref name="item"/> in the current prompt, 0 if the prompt lacks it.</summary>
    public double PromptWeight(int item) => _promptWeight[item];

    /// <summary>The 1-based position of <paramref name="item"/> in the current prompt, 0 if the prompt lacks it.</summary>
    public int PromptPosition(int item) => _promptPosition[item];

    /// <summary>Empties the session set (O(1)).</summary>
    public void ClearSessionMarks()
    {
        if (++_markStamp == int.MaxValue)
        {
            Array.Clear(_sessionMark);
            _markStamp = 1;
        }
    }

    /// <summary>Adds <paramref name="session"/> to the session set; false if it was already there.</summary>
    public bool MarkSession(int session)
    {
        if (_sessionMark[session] == _markStamp)
        {
            return false;
        }

        _sessionMark[session] = _markStamp;
        return true;
    }

    /// <summary>
    /// Makes <paramref name="prompt"/> the current prompt of <see cref="PromptWeight"/> and <see cref="PromptPosition"/>
    /// and empties the session set. The recommender does this before asking an <see cref="INeighbourSource"/>.
    /// </summary>
    public void Begin(KnnPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        End();
        _prompt = prompt;
        for (var j = 0; j < prompt.Count; j++)
        {
            _promptWeight[prompt.Items[j]] = prompt.Weights[j];
            _promptPosition[prompt.Items[j]] = j + 1;
        }

        ClearSessionMarks();
    }

    /// <summary>Clears the lookups of the current prompt.</summary>
    public void End()
    {
        if (_prompt is null)
        {
            return;
        }

        foreach (var item in _prompt.Items)
        {
            _promptWeight[item] = 0;
            _promptPosition[item] = 0;
        }

        _prompt = null;
    }
}
