using LlmSeqRec.Evaluation.Metrics;

namespace LlmSeqRec.Evaluation.Tests;

public class SerendipityTests
{
    private const double Tolerance = 1e-12;

    // Popularity order (whole dataset): 0 (50), 1 (40), 2 (30), then 3..9 (one each).
    private static readonly MetricContext Context = new([50, 40, 30, 1, 1, 1, 1, 1, 1, 1]);

    private static double Score(int[] recommendations, int[] truth, int k) =>
        new Serendipity().Score(Slate.Create(recommendations, truth, k), Context);

    [Fact]
    public void NameIsSerendipity() => Assert.Equal("Serendipity", new Serendipity().Name);

    [Fact]
    public void HitOnAnItemOutsideTheKMostPopularIsOne() =>
        Assert.Equal(1.0, Score([0, 5], [5], 2), Tolerance);

    [Fact]
    public void HitOnOneOfTheKMostPopularIsZero()
    {
        // Truth 1 is among the 2 most popular items {0, 1}: nothing is unexpected.
        Assert.Equal(0.0, Score([1, 5], [1], 2));
    }

    [Fact]
    public void TheExpectedSetDependsOnTheCutoff()
    {
        // Item 2 is the 3rd most popular: unexpected at k = 2, expected at k = 3.
        Assert.Equal(1.0, Score([2, 5], [2], 2), Tolerance);
        Assert.Equal(0.0, Score([2, 5, 6], [2], 3));
    }

    [Fact]
    public void MissIsZero() => Assert.Equal(0.0, Score([0, 1], [5], 2));

    [Fact]
    public void HitBeyondTheCutoffIsZero() => Assert.Equal(0.0, Score([0, 1, 5], [5], 2));

    [Fact]
    public void EmptySlateIsZero() => Assert.Equal(0.0, Score([], [5], 2));

    [Fact]
    public void DenominatorIsTheSmallerOfUnexpectedAndSlateSize()
    {
        // Unexpected = {5,6,7} (3 items), slate [5,0] (2 items): 1 unexpected hit / min(3, 2).
        Assert.Equal(0.5, Score([5, 0], [5, 6, 7], 2), Tolerance);

        // The same with a duplicate: slate [5] (1 item): 1 / min(3, 1).
        Assert.Equal(1.0, Score([5, 5], [5, 6, 7], 2), Tolerance);
    }

    [Fact]
    public void ExpectedTruthItemsAreRemovedFromTheDenominator()
    {
        // Truth {0, 5}, k = 2: 0 is expected, unexpected = {5}; slate [0,5] has 1 unexpected item / min(1, 2).
        Assert.Equal(1.0, Score([0, 5], [0, 5], 2), Tolerance);
    }

    [Fact]
    public void SeveralUnexpectedHitsAreCounted()
    {
        // Unexpected {5, 6, 7}; slate [6, 0, 5, 9]: 2 unexpected hits / min(3, 4).
        Assert.Equal(2.0 / 3, Score([6, 0, 5, 9], [5, 6, 7], 4), Tolerance);
    }
}
