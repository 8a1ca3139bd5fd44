using LlmSeqRec.Data;

namespace LlmSeqRec.Evaluation.Tests;

public class SessionLengthBreakdownTests
{
    private static EvaluationCase Case(int promptLength, int truth) =>
        new(0, Enumerable.Range(100, promptLength).ToArray(), [truth]);

    [Fact]
    public void DefaultBucketsAreTheDocumentedOnes()
    {
        var breakdown = SessionLengthBreakdown.Compute([], [], 20);

        Assert.Equal(["1", "2", "3", "4", "5-6", "7-9", "10-19", "20+"], breakdown.Buckets.Select(b => b.Label));
        Assert.Equal([1, 2, 3, 4, 5, 7, 10, 20], breakdown.Buckets.Select(b => b.MinLength));
        Assert.Equal([1, 2, 3, 4, 6, 9, 19, null], breakdown.Buckets.Select(b => b.MaxLength));
        Assert.All(breakdown.Buckets, b => Assert.Equal((0, 0, 0.0), (b.Cases, b.Hits, b.HitRate)));
    }

    [Fact]
    public void CountsHitsPerPromptLength()
    {
        // Lengths 1, 1, 2, 6, 5, 25; truth 7 is a hit where it is in the list.
        EvaluationCase[] cases = [Case(1, 7), Case(1, 7), Case(2, 7), Case(6, 7), Case(5, 7), Case(25, 7)];
        int[][] recs = [[7, 1], [1, 2], [3, 7], [7], [1], [2, 3, 7]];

        var breakdown = SessionLengthBreakdown.Compute(cases, recs, 20);

        var byLabel = breakdown.Buckets.ToDictionary(b => b.Label);
        Assert.Equal((2, 1, 0.5), (byLabel["1"].Cases, byLabel["1"].Hits, byLabel["1"].HitRate));
        Assert.Equal((1, 1, 1.0), (byLabel["2"].Cases, byLabel["2"].Hits, byLabel["2"].HitRate));
        Assert.Equal((2, 1, 0.5), (byLabel["5-6"].Cases, byLabel["5-6"].Hits, byLabel["5-6"].HitRate));
        Assert.Equal((1, 1, 1.0), (byLabel["20+"].Cases, byLabel["20+"].Hits, byLabel["20+"].HitRate));
        Assert.Equal(0, byLabel["3"].Cases);
        Assert.Equal(cases.Length, breakdown.Buckets.Sum(b => b.Cases));
    }

    [Fact]
    public void RespectsTheCutoffAsTheEvaluatorDoes()
    {
        // Truth at rank 3: a hit at k = 3, a miss at k = 2; the duplicate pushes it to rank 3 before de-duplication.
        EvaluationCase[] cases = [Case(2, 7), Case(2, 7)];
        int[][] recs = [[1, 2, 7], [5, 5, 7]];

        Assert.Equal(2, SessionLengthBreakdown.Compute(cases, recs, 3).Buckets.Single(b => b.Label == "2").Hits);
        Assert.Equal(0, SessionLengthBreakdown.Compute(cases, recs, 2).Buckets.Single(b => b.Label == "2").Hits);
    }

    [Fact]
    public void HitRatesWeightedByCasesGiveTheOverallHitRate()
    {
        EvaluationCase[] cases = [Case(1, 7), Case(3, 8), Case(4, 9), Case(8, 7), Case(12, 7), Case(30, 1)];
        int[][] recs = [[7], [8], [1], [7], [2], [1]];
        var evaluator = new Evaluator(new MetricContext(Enumerable.Repeat(1, 200).ToArray()), [20]);

        var breakdown = SessionLengthBreakdown.Compute(cases, recs, 20);

        var overall = breakdown.Buckets.Sum(b => b.HitRate * b.Cases) / cases.Length;
        Assert.Equal(evaluator.Score(cases, recs)["HitRate@20"], overall, 12);
    }

    [Fact]
    public void CustomBoundsMakeCustomBucketsAndLeaveOutShorterPrompts()
    {
        EvaluationCase[] cases = [Case(1, 7), Case(2, 7), Case(3, 7), Case(9, 7)];
        int[][] recs = [[7], [7], [1], [7]];

        var breakdown = SessionLengthBreakdown.Compute(cases, recs, 10, [2, 3]);

        Assert.Equal(10, breakdown.Cutoff);
        Assert.Equal(["2", "3+"], breakdown.Buckets.Select(b => b.Label));
        Assert.Equal([1, 2], breakdown.Buckets.Select(b => b.Cases));
        Assert.Equal([1.0, 0.5], breakdown.Buckets.Select(b => b.HitRate));
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 3, 2 })]
    [InlineData(new[] { -1, 2 })]
    public void RejectsBadBounds(int[] bounds) =>
        Assert.Throws<ArgumentException>(() => SessionLengthBreakdown.Compute([], [], 10, bounds));

    [Fact]
    public void RejectsMismatchedListsAndBadCutoff()
    {
        Assert.Throws<ArgumentException>(() => SessionLengthBreakdown.Compute([Case(1, 7)], [], 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionLengthBreakdown.Compute([], [], 0));
    }
}
