using LlmSeqRec.Data.Preparation;

namespace LlmSeqRec.Data.Tests;

public class TemporalSplitterTests
{
    /// <summary>A session table whose session s ends at time s (the splitter expects end-time order).</summary>
    private static SessionTable Table(params int[][] sessions)
    {
        var offsets = new int[sessions.Length + 1];
        for (var s = 0; s < sessions.Length; s++)
        {
            offsets[s + 1] = offsets[s] + sessions[s].Length;
        }

        var items = sessions.SelectMany(s => s).ToArray();
        var times = sessions.SelectMany((s, i) => s.Select(_ => (long)i)).ToArray();
        return new SessionTable(sessions.Select((_, i) => $"s{i}").ToArray(), offsets, items, times);
    }

    [Theory]
    [InlineData(10, 4, new[] { 0, 3, 6, 8, 10 })]
    [InlineData(3, 4, new[] { 0, 1, 2, 3, 3 })]
    [InlineData(8, 4, new[] { 0, 2, 4, 6, 8 })]
    [InlineData(7, 1, new[] { 0, 7 })]
    [InlineData(11, 3, new[] { 0, 4, 8, 11 })]
    public void ArraySplitBoundsMatchNumpyArraySplit(int n, int parts, int[] expected)
    {
        Assert.Equal(expected, TemporalSplitter.ArraySplitBounds(n, parts));
    }

    [Theory]
    [InlineData(7, "0.3", 3)] // 2.1 -> 3 (not rounded to 2)
    [InlineData(7, "0.2", 2)] // 1.4 -> 2
    [InlineData(10, "0.2", 2)] // exact
    [InlineData(9, "0.5", 5)] // 4.5 -> 5
    public void TestSetIsTheLastCeilingOfFractionTimesSessions(int n, string fraction, int expectedTest)
    {
        var table = Table(Enumerable.Range(0, n).Select(_ => new[] { 0, 1 }).ToArray());

        var split = TemporalSplitter.Split(table, 2, decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture), 0);

        Assert.Equal(n - expectedTest, split.TrainSessionCount);
        Assert.Equal(Enumerable.Range(n - expectedTest, expectedTest), split.Test.Select(c => c.Session));
    }

    [Fact]
    public void TestItemsNotInTrainAreDroppedAndShortSessionsToo()
    {
        // Items 0..3 occur in train; 4 and 5 only in test.
        var table = Table(
            [0, 1], [1, 2], [2, 3], [3, 0],
            [0, 4, 1], // 4 dropped -> prompt [0], truth 1
            [5, 2], // 5 dropped -> one item left -> session dropped
            [3, 1, 2]); // kept whole

        var split = TemporalSplitter.Split(table, 6, 0.3m, 0);

        Assert.Equal(4, split.TrainSessionCount);
        Assert.Equal(4, split.TrainItems);
        Assert.Equal(2, split.TestInteractionsDropped);
        Assert.Equal(1, split.TestSessionsDropped);
        Assert.Equal(2, split.Test.Count);
        Assert.Equal(4, split.Test[0].Session);
        Assert.Equal([0], split.Test[0].Prompt);
        Assert.Equal([1], split.Test[0].GroundTruth);
        Assert.Equal(6, split.Test[1].Session);
        Assert.Equal([3, 1], split.Test[1].Prompt);
        Assert.Equal([2], split.Test[1].GroundTruth);
    }

    [Fact]
    public void FoldIChainsForwardOverArraySplitBins()
    {
        // 12 sessions, test ceil(0.2 * 12) = 3, train 9, 2 folds -> bins [0,3,6,9]:
        // fold 1 trains on sessions 0..2 and validates 3..5, fold 2 trains on 0..5 and validates 6..8.
        // Item 9 first occurs in session 4: fold 1 drops it from session 4, fold 2 keeps it in session 7.
        int[][] sessions =
        [
            [0, 1], [1, 2], [2, 0],
            [0, 1, 2], [9, 1, 0], [3, 0],
            [2, 1], [9, 0], [1, 3],
            [0, 1], [1, 2], [2, 0],
        ];

        var split = TemporalSplitter.Split(Table(sessions), 10, 0.2m, 2);

        Assert.Equal(9, split.TrainSessionCount);
        Assert.Equal(2, split.Folds.Count);

        var fold1 = split.Folds[0];
        Assert.Equal((1, 3), (fold1.Number, fold1.TrainSessionCount));
        Assert.Equal([3, 4], fold1.Cases.Select(c => c.Session)); // session 5 keeps only item 0 (3 is untrained)
        Assert.Equal([1], fold1.Cases[1].Prompt);
        Assert.Equal([0], fold1.Cases[1].GroundTruth);

        var fold2 = split.Folds[1];
        Assert.Equal((2, 6), (fold2.Number, fold2.TrainSessionCount));
        Assert.Equal([6, 7, 8], fold2.Cases.Select(c => c.Session));
        Assert.Equal([9], fold2.Cases[1].Prompt);
    }

    [Fact]
    public void TooFewSessionsForTheFoldsIsAValidationError()
    {
        var table = Table([0, 1], [1, 0], [0, 1]);

        // 3 sessions, test 1, train 2: three folds need at least 4 train sessions.
        var e = Assert.Throws<DatasetValidationException>(() => TemporalSplitter.Split(table, 2, 0.3m, 3));

        Assert.Contains("3 sessions", e.Message, StringComparison.Ordinal);
    }
}
