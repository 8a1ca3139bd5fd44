using LlmSeqRec.Evaluation.Metrics;

namespace LlmSeqRec.Evaluation.Tests;

public class NdcgTests
{
    private const double Tolerance = 1e-12;
    private static readonly MetricContext Context = new([5, 4, 3, 2, 1, 1, 1, 1, 1, 1]);

    private static double Score(int[] recommendations, int[] truth, int k) =>
        new Ndcg().Score(Slate.Create(recommendations, truth, k), Context);

    [Fact]
    public void NameIsNdcg() => Assert.Equal("NDCG", new Ndcg().Name);

    [Fact]
    public void HitAtRankOneIsOne() => Assert.Equal(1.0, Score([7, 1, 2], [7], 10), Tolerance);

    [Fact]
    public void HitAtRankThreeIsOneOverLog2Of4() =>
        Assert.Equal(0.5, Score([1, 2, 7, 3], [7], 10), Tolerance);

    [Fact]
    public void HitAtRankTwoIsOneOverLog2Of3() =>
        Assert.Equal(1 / Math.Log(3, 2), Score([1, 7], [7], 10), Tolerance);

    [Fact]
    public void MissIsZero() => Assert.Equal(0.0, Score([1, 2, 3], [7], 10));

    [Fact]
    public void EmptyListIsZero() => Assert.Equal(0.0, Score([], [7], 10));

    [Fact]
    public void HitBeyondTheCutoffIsZero() => Assert.Equal(0.0, Score([1, 2, 3, 7], [7], 3));

    [Fact]
    public void DuplicateBeforeTheHitMovesItUpOneRank()
    {
        // [5,5,7,9] -> top 4 -> dedupe [5,7,9]: 9 is at rank 3, not 4.
        Assert.Equal(0.5, Score([5, 5, 7, 9], [9], 4), Tolerance);
    }

    [Fact]
    public void DuplicateThatPushesTheHitBeyondKOnlyBeforeDedupeIsAMiss()
    {
        // Truncating first gives [5,5,7] -> [5,7]; dedupe first would have given [5,7,9], a hit at rank 3.
        Assert.Equal(0.0, Score([5, 5, 7, 9], [9], 3));
    }

    [Fact]
    public void TwoGroundTruthItemsHitAtRanksOneAndThree()
    {
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG = 1/log2(2) + 1/log2(3).
        var expected = 1.5 / (1 + (1 / Math.Log(3, 2)));

        Assert.Equal(expected, Score([3, 1, 7, 2, 4], [3, 7], 5), Tolerance);
    }

    [Fact]
    public void BothGroundTruthItemsAtTheTopScoreOne() =>
        Assert.Equal(1.0, Score([7, 3, 1], [3, 7], 5), Tolerance);

    [Fact]
    public void OneOfTwoGroundTruthItemsAtRankTwo()
    {
        // DCG = 1/log2(3); IDCG = 1 + 1/log2(3).
        var dcg = 1 / Math.Log(3, 2);

        Assert.Equal(dcg / (1 + dcg), Score([1, 7, 2], [3, 7], 3), Tolerance);
    }

    [Fact]
    public void IdealDcgIsCappedAtKHits()
    {
        // Three truth items, k = 2: IDCG has min(3, 2) = 2 terms, so two hits at the top score 1.
        Assert.Equal(1.0, Score([1, 2, 9], [1, 2, 3], 2), Tolerance);

        // One hit at rank 2: (1/log2 3) / (1 + 1/log2 3).
        var dcg = 1 / Math.Log(3, 2);
        Assert.Equal(dcg / (1 + dcg), Score([9, 3], [1, 2, 3], 2), Tolerance);
    }
}
