using LlmSeqRec.Evaluation.Metrics;

namespace LlmSeqRec.Evaluation.Tests;

public class NoveltyTests
{
    private const double Tolerance = 1e-12;

    // Total 16: self-information -log2(c/16) is 1, 2, 3, 4, 4 bits; item 5 has no count.
    private static readonly MetricContext Context = new([8, 4, 2, 1, 1, 0]);

    private static double Score(int[] recommendations, int k, int[]? truth = null) =>
        new Novelty().Score(Slate.Create(recommendations, truth ?? [99], k), Context);

    [Fact]
    public void NameIsNovelty() => Assert.Equal("Novelty", new Novelty().Name);

    [Fact]
    public void IsTheMeanSelfInformationOfTheSlateItems() =>
        Assert.Equal((1 + 2 + 3) / 3.0, Score([0, 1, 2], 3), Tolerance);

    [Fact]
    public void SingleItemIsItsSelfInformation() => Assert.Equal(4.0, Score([3], 10), Tolerance);

    [Fact]
    public void DoesNotDependOnTheGroundTruth() =>
        Assert.Equal(Score([0, 3], 2, [0]), Score([0, 3], 2, [7]), Tolerance);

    [Fact]
    public void UnknownItemBeyondTheCountsAddsZeroButCountsInTheMean()
    {
        // Item 42 is beyond the counts: (1 + 0) / 2.
        Assert.Equal(0.5, Score([0, 42], 10), Tolerance);
    }

    [Fact]
    public void ItemWithZeroCountAddsZeroButCountsInTheMean() =>
        Assert.Equal((2 + 0) / 2.0, Score([1, 5], 10), Tolerance);

    [Fact]
    public void EmptySlateIsZero() => Assert.Equal(0.0, Score([], 10));

    [Fact]
    public void OnlyTheTopKAreUsed() => Assert.Equal(1.5, Score([0, 1, 4], 2), Tolerance);

    [Fact]
    public void DuplicatesCountOnce()
    {
        // [3,3,0] -> [3,0]: (4 + 1) / 2, not (4 + 4 + 1) / 3.
        Assert.Equal(2.5, Score([3, 3, 0], 3), Tolerance);
    }

    [Fact]
    public void WithEqualCountsEveryItemHasLog2OfTheItemCount()
    {
        var context = new MetricContext([3, 3, 3, 3]);

        var score = new Novelty().Score(Slate.Create([0, 1, 2, 3], [0], 4), context);

        Assert.Equal(2.0, score, Tolerance);
    }
}
