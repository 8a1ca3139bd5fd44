using LlmSeqRec.Evaluation.Metrics;

namespace LlmSeqRec.Evaluation.Tests;

public class SlateTests
{
    [Fact]
    public void TruncatesToTheCutoffBeforeRemovingDuplicates()
    {
        // Top 3 of [5,5,7,9] is [5,5,7]; de-duplicated [5,7]: item 9 is not pulled up into the slate.
        var slate = Slate.Create([5, 5, 7, 9], [9], 3);

        Assert.Equal([5, 7], slate.Items);
        Assert.Equal(0, slate.HitCount);
        Assert.Equal(3, slate.Cutoff);
    }

    [Fact]
    public void KeepsTheFirstOccurrenceOfADuplicate()
    {
        var slate = Slate.Create([4, 2, 4, 1, 2, 3], [1], 6);

        Assert.Equal([4, 2, 1, 3], slate.Items);
    }

    [Fact]
    public void ListShorterThanTheCutoffIsKeptWhole()
    {
        var slate = Slate.Create([8, 6], [6], 10);

        Assert.Equal([8, 6], slate.Items);
        Assert.Equal(1, slate.HitCount);
    }

    [Fact]
    public void EmptyListGivesAnEmptySlate()
    {
        var slate = Slate.Create([], [1], 10);

        Assert.Empty(slate.Items);
        Assert.Equal(0, slate.HitCount);
    }

    [Fact]
    public void GroundTruthIsDeduplicatedAndHitsAreASetIntersection()
    {
        var slate = Slate.Create([1, 2, 3, 4], [3, 1, 3, 9], 4);

        Assert.Equal([3, 1, 9], slate.GroundTruth);
        Assert.Equal(2, slate.HitCount);
        Assert.True(slate.IsRelevant(9));
        Assert.False(slate.IsRelevant(2));
    }

    [Fact]
    public void DoesNotModifyTheInputList()
    {
        int[] recommendations = [3, 3, 1];

        _ = Slate.Create(recommendations, [1], 2);

        Assert.Equal([3, 3, 1], recommendations);
    }
}
