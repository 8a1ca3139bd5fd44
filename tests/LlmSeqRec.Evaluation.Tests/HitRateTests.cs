using LlmSeqRec.Evaluation.Metrics;

namespace LlmSeqRec.Evaluation.Tests;

public class HitRateTests
{
    private static readonly MetricContext Context = new([5, 4, 3, 2, 1, 1, 1, 1, 1, 1]);

    private static double Score(int[] recommendations, int[] truth, int k) =>
        new HitRate().Score(Slate.Create(recommendations, truth, k), Context);

    [Fact]
    public void NameIsHitRate() => Assert.Equal("HitRate", new HitRate().Name);

    [Theory]
    [InlineData(new[] { 7, 1, 2 }, 7, 3, 1.0)] // rank 1
    [InlineData(new[] { 1, 2, 7 }, 7, 3, 1.0)] // rank 3
    [InlineData(new[] { 1, 2, 7 }, 7, 2, 0.0)] // rank 3 is beyond k = 2
    [InlineData(new[] { 1, 2, 3 }, 7, 3, 0.0)] // miss
    [InlineData(new int[0], 7, 3, 0.0)] // empty list
    public void IsOneWhenTheTruthIsInTheTopK(int[] recommendations, int truth, int k, double expected) =>
        Assert.Equal(expected, Score(recommendations, [truth], k));

    [Fact]
    public void DuplicateThatPushesTheHitBeyondKBeforeDedupeIsAMiss() =>
        Assert.Equal(0.0, Score([5, 5, 7, 9], [9], 3));

    [Fact]
    public void DuplicateBeforeTheHitWithinKIsStillAHit() =>
        Assert.Equal(1.0, Score([5, 5, 9], [9], 3));

    [Fact]
    public void MultipleHitsStillScoreOne() =>
        Assert.Equal(1.0, Score([3, 4, 5], [3, 4], 3));
}
