namespace LlmSeqRec.Data.Ingestion;

/// <summary>
/// What readers do with a malformed line: fail on the first one (default), or skip it and count it.
/// One instance is shared by the readers of one ingestion so the counts add up.
/// </summary>
public sealed class BadLinePolicy
{
    private readonly List<string> _examples = [];

    /// <param name="skip">True to skip malformed lines instead of failing.</param>
    /// <param name="maxExamples">How many skipped-line messages to keep for the report.</param>
    public BadLinePolicy(bool skip = false, int maxExamples = 5)
    {
        Skip = skip;
        MaxExamples = maxExamples;
    }

    /// <summary>True when malformed lines are skipped.</summary>
    public bool Skip { get; }

    /// <summary>The most example messages kept.</summary>
    public int MaxExamples { get; }

    /// <summary>Number of lines skipped so far.</summary>
    public long SkippedLines { get; private set; }

    /// <summary>The first few skipped lines' messages (file:line: reason).</summary>
    public IReadOnlyList<string> Examples => _examples;

    /// <summary>Throws <paramref name="error"/> unless skipping is on, in which case it is counted.</summary>
    public void Handle(DatasetFormatException error)
    {
        if (!Skip)
        {
            throw error;
        }

        SkippedLines++;
        if (_examples.Count < MaxExamples)
        {
            _examples.Add(error.Message);
        }
    }
}
