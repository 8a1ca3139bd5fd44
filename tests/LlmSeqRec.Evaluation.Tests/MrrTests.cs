using LlmSeqRec.Evaluation.Metrics;

namespace LlmSeqRec.Evaluation.Tests;

public class MrrTests
{
    private const double Tolerance = 1e-12;
    private static readonly MetricContext Context = new([5, 4, 3, 2, 1, 1, 1, 1, 1, 1]);

    private static double Score(int[] recommendations, int[] truth, int k) =>
        new Mrr().Score(Slate.Create(recommendations, truth, k), Context);

    [Fact]
    public void NameIsMrr() => Assert.Equal("MRR", new Mrr().Name);

    [Fact]
    public void HitAtRankOneIsOne() => Assert.Equal(1.0, Score([7, 1, 2], [7], 10), Tolerance);

    [Fact]
    public void HitAtRankThreeIsOneThird() => Assert.Equal(1.0 / 3, Score([1, 2, 7], [7], 10), Tolerance);

    [Fact]
    public void MissIsZero() => Assert.Equal(0.0, Score([1, 2, 3], [7], 10));

    [Fact]
    public void EmptyListIsZero() => Assert.Equal(0.0, Score([], [7], 10));

    [Fact]
    public void DuplicateBeforeTheHitMovesItUpOneRank()
    {
        // [5,5,9] -> [5,9]: rank 2.
        Assert.Equal(0.5, Score([5, 5, 9], [9], 3), Tolerance);
    }

    [Fact]
    public void DuplicateThatPushesTheHitBeyondKOnlyBeforeDedupeIsAMiss() =>
        Assert.Equal(0.0, Score([5, 5, 7, 9], [9], 3));

    [Fact]
    public void DuplicatesAreRemovedOnlyAfterTruncation() =>
        Assert.Equal(1.0 / 3, Score([5, 5, 7, 9], [9], 4), Tolerance);

    [Fact]
    public void MultipleHitsAreAveragedOverTheIntersection()
    {
        // Hits at 1 and 3: (1 + 1/3) / 2.
        Assert.Equal(2.0 / 3, Score([3, 1, 7], [3, 7], 3), Tolerance);
    }

    [Fact]
    public void TruthItemsOutsideTheSlateDoNotCountInTheDenominator()
    {
        // Truth {3, 7, 8}; only 7 is in the slate, at rank 2: (1/2) / 1.
        Assert.Equal(0.5, Score([1, 7, 2], [3, 7, 8], 3), Tolerance);
    }
}
