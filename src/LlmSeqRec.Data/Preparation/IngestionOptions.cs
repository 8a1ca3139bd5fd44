namespace LlmSeqRec.Data.Preparation;

/// <summary>Parameters of ingestion and of the paper's split.</summary>
/// <param name="KCore">Minimum interactions per session and per item (iterative); 0 or 1 disables it.</param>
/// <param name="TestFraction">Share of sessions (by end time, latest) in the test split: the last ceil(f·n).</param>
/// <param name="FoldCount">Number of forward-chaining validation folds (the train split is cut into FoldCount + 1 bins).</param>
/// <param name="SkipBadLines">Skip and count malformed lines instead of failing on the first.</param>
/// <param name="DropUnknownItems">Drop interactions whose item is not in the catalog instead of failing.</param>
public sealed record IngestionOptions(
    int KCore = 5,
    decimal TestFraction = 0.2m,
    int FoldCount = 3,
    bool SkipBadLines = false,
    bool DropUnknownItems = false)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the bad parameter.</summary>
    public void Validate()
    {
        if (KCore < 0)
        {
            throw new ArgumentException($"k-core must be 0 or more (got {KCore})", nameof(KCore));
        }

        if (TestFraction is <= 0 or >= 1)
        {
            throw new ArgumentException($"test fraction must be between 0 and 1, exclusive (got {TestFraction})", nameof(TestFraction));
        }

        if (FoldCount < 0)
        {
            throw new ArgumentException($"fold count must be 0 or more (got {FoldCount})", nameof(FoldCount));
        }
    }
}

/// <summary>Progress of an ingestion: the stage and how many records it has handled.</summary>
public sealed record IngestionProgress(string Stage, long Done);
