using System.Text;
using LlmSeqRec.Data.Preparation;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Data.Tests;

public class DatasetPreparerTests
{
    private const string TwoItems = "ItemId,Title\na1,A one\na2,A two\n";

    [Fact]
    public void SessionsAreOrderedByEndTimeAndTheLastCeilingFractionAreTest()
    {
        using var dir = new TempDirectory();

        var d = TestData.Prepare(dir, TestData.SplitInteractions, TestData.SplitItems);

        Assert.Equal(["s1", "s2", "s3", "s4", "s5", "s6", "s7"], d.Sessions.Ids);
        Assert.Equal(4, d.TrainSessionCount);
        Assert.Equal(["i1", "i2"], TestData.SessionItemIds(d, 0));
        Assert.Equal(["i4", "i1"], TestData.SessionItemIds(d, 3)); // rows were reversed in the file
        Assert.Equal([40L, 41L], d.Sessions.TimestampsOf(3).ToArray());
        Assert.Equal(["i1", "n1", "i2"], TestData.SessionItemIds(d, 4)); // all sessions keep every interaction
    }

    [Fact]
    public void TestCasesDropUntrainedItemsAndShortSessionsPromptIsAllButLast()
    {
        using var dir = new TempDirectory();

        var d = TestData.Prepare(dir, TestData.SplitInteractions, TestData.SplitItems);

        Assert.Equal(2, d.Test.Count);
        Assert.Equal("s5", d.Sessions.Ids[d.Test[0].Session]);
        Assert.Equal(["i1"], TestData.ItemIds(d, d.Test[0].Prompt));
        Assert.Equal(["i2"], TestData.ItemIds(d, d.Test[0].GroundTruth));
        Assert.Equal("s7", d.Sessions.Ids[d.Test[1].Session]);
        Assert.Equal(["i4", "i2"], TestData.ItemIds(d, d.Test[1].Prompt));
        Assert.Equal(["i3"], TestData.ItemIds(d, d.Test[1].GroundTruth));
    }

    [Fact]
    public void ManifestCountsDescribeTheSplit()
    {
        using var dir = new TempDirectory();

        var c = TestData.Prepare(dir, TestData.SplitInteractions, TestData.SplitItems).Manifest.Counts;

        Assert.Equal(16, c.InteractionsRead);
        Assert.Equal(16, c.Interactions);
        Assert.Equal(7, c.Sessions);
        Assert.Equal(6, c.Items);
        Assert.Equal(1, c.CatalogItemsWithoutInteractions);
        Assert.Equal(1, c.ItemsWithoutTitle);
        Assert.Equal(4, c.TrainSessions);
        Assert.Equal(4, c.TrainItems);
        Assert.Equal(3, c.TestSessions);
        Assert.Equal(2, c.TestCases);
        Assert.Equal(2, c.TestInteractionsDropped);
        Assert.Equal(1, c.TestSessionsDropped);
        Assert.Equal(0, c.SkippedLines);
        Assert.Equal(0, c.UnknownItemInteractionsDropped);
        Assert.Equal(0, c.KCoreInteractionsDropped);
    }

    [Fact]
    public void ItemsAreNumberedInCatalogOrderWithCleanedTitlesAndAttributes()
    {
        using var dir = new TempDirectory();

        var catalog = TestData.Prepare(dir, TestData.SplitInteractions, TestData.SplitItems).Catalog;

        Assert.Equal(["n2", "i4", "i3", "i2", "i1", "n1"], catalog.Ids);
        Assert.Equal(["New Two", "Item  and  Four", "Item Three, \"Deluxe\"", null, "Item One", "New One"], catalog.Titles);
        Assert.Equal("Acme", catalog.Attributes[1]["Brand"]);
        Assert.Empty(catalog.Attributes[0]);
    }

    [Fact]
    public void ItemsWithEqualTimestampsKeepTheirInputOrderInASession()
    {
        // 100 rows of session "big", item ids falling (x99..x00), timestamps 100 except every third row (200).
        // Expected: the 100-rows in file order, then the 200-rows in file order. Enough rows to defeat an unstable sort.
        using var dir = new TempDirectory();
        var interactions = new StringBuilder("SessionId,ItemId,Timestamp\nearly,x00,1\nearly,x01,2\n");
        var items = new StringBuilder("ItemId,Title\n");
        for (var j = 0; j < 100; j++)
        {
            interactions.Append($"big,x{99 - j:00},{(j % 3 == 0 ? 200 : 100)}\n");
            items.Append($"x{j:00},Title {j}\n");
        }

        var d = TestData.Prepare(dir, interactions.ToString(), items.ToString());

        var expected = Enumerable.Range(0, 100).Where(j => j % 3 != 0)
            .Concat(Enumerable.Range(0, 100).Where(j => j % 3 == 0))
            .Select(j => $"x{99 - j:00}");
        Assert.Equal(["early", "big"], d.Sessions.Ids);
        Assert.Equal(expected, TestData.SessionItemIds(d, 1));
    }

    [Fact]
    public void SessionsWithEqualEndTimesKeepTheOrderOfFirstAppearanceNotOfTheirIds()
    {
        // z, a, m all end at 200 and first appear in that order; by id they would be a, m, z and by last row a, z, m.
        using var dir = new TempDirectory();
        const string interactions = "SessionId,ItemId,Timestamp\nz,a1,1\na,a2,2\nm,a1,3\na,a1,200\nz,a2,200\nm,a2,200\nq,a1,50\nq,a2,100\n";

        var d = TestData.Prepare(dir, interactions, TwoItems);

        Assert.Equal(["q", "z", "a", "m"], d.Sessions.Ids);
        Assert.Equal(2, d.TrainSessionCount); // ceil(0.3 * 4) = 2 test sessions: a and m
    }

    [Fact]
    public void NumericSessionIdsAreNotSortedNumericallyOrAsText()
    {
        using var dir = new TempDirectory();
        const string interactions = "SessionId,ItemId,Timestamp\n10,a1,1\n10,a2,5\n9,a1,2\n9,a2,5\n100,a1,3\n100,a2,5\n";

        var d = TestData.Prepare(dir, interactions, TwoItems);

        Assert.Equal(["10", "9", "100"], d.Sessions.Ids);
    }

    [Fact]
    public void FoldsTrainOnTheFirstArraySplitBoundsOfTheTrainSessions()
    {
        // 13 sessions, test ceil(0.2 * 13) = 3, train 10; three folds cut it at array_split(10, 4) = [0, 3, 6, 8, 10].
        using var dir = new TempDirectory();
        var interactions = new StringBuilder("SessionId,ItemId,Timestamp\n");
        for (var s = 0; s < 13; s++)
        {
            interactions.Append($"u{s},a1,{s * 10}\nu{s},a2,{(s * 10) + 1}\n");
        }

        var d = TestData.Prepare(dir, interactions.ToString(), TwoItems, new IngestionOptions(KCore: 0, TestFraction: 0.2m, FoldCount: 3));

        Assert.Equal(10, d.TrainSessionCount);
        Assert.Equal(3, d.Test.Count);
        Assert.Equal([1, 2, 3], d.Folds.Select(f => f.Number));
        Assert.Equal([3, 6, 8], d.Folds.Select(f => f.TrainSessionCount));
        Assert.Equal([3, 6, 8], d.Manifest.Folds.Select(f => f.TrainSessions));
        Assert.Equal([3, 2, 2], d.Manifest.Folds.Select(f => f.ValidationSessions));
        Assert.Equal([3, 2, 2], d.Manifest.Folds.Select(f => f.ValidationCases));
        Assert.Equal([3, 4, 5], d.Folds[0].Cases.Select(c => c.Session));
        Assert.Equal([8, 9], d.Folds[2].Cases.Select(c => c.Session));
    }

    [Fact]
    public void KCoreRunsBeforeTheSplit()
    {
        // k = 2: item "rare" occurs once; removing it leaves session "s3" with one interaction, which goes too.
        using var dir = new TempDirectory();
        const string interactions = "SessionId,ItemId,Timestamp\ns1,a1,1\ns1,a2,2\ns2,a1,3\ns2,a2,4\ns3,a1,5\ns3,rare,6\ns4,a1,7\ns4,a2,8\n";
        const string items = "ItemId,Title\na1,A\na2,B\nrare,R\n";

        var d = TestData.Prepare(dir, interactions, items, new IngestionOptions(KCore: 2, TestFraction: 0.3m, FoldCount: 0));

        Assert.Equal(["s1", "s2", "s4"], d.Sessions.Ids);
        Assert.Equal(["a1", "a2"], d.Catalog.Ids);
        Assert.Equal(2, d.Manifest.Counts.KCoreInteractionsDropped);
        Assert.Equal(2, d.Manifest.Counts.KCoreRounds);
        Assert.Equal(6, d.Manifest.Counts.Interactions);
    }

    [Fact]
    public void UnknownItemIsAnErrorNamingInteractionsCsvAndTheLineOfItsFirstUse()
    {
        using var dir = new TempDirectory();
        const string interactions = "SessionId,ItemId,Timestamp\ns1,a1,1\ns1,phantom,2\ns2,a2,3\ns2,ghost,4\ns3,phantom,5\n";

        var e = Assert.Throws<DatasetFormatException>(() => TestData.Prepare(dir, interactions, TwoItems));

        Assert.EndsWith("interactions.csv", e.File, StringComparison.Ordinal);
        Assert.Equal(3, e.Line);
        Assert.Contains("interactions.csv:3", e.Message, StringComparison.Ordinal);
        Assert.Contains("'phantom'", e.Message, StringComparison.Ordinal);
        Assert.Contains("items.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("2 unknown items", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DropUnknownItemsDropsAndCountsTheirInteractions()
    {
        using var dir = new TempDirectory();
        const string interactions = "SessionId,ItemId,Timestamp\ns1,a1,1\ns1,phantom,2\ns1,a2,3\ns2,a2,4\ns2,ghost,9\ns2,a1,5\ns3,phantom,6\ns4,a1,7\ns4,a2,8\n";

        var d = TestData.Prepare(dir, interactions, TwoItems, TestData.NoFilter with { DropUnknownItems = true });

        var c = d.Manifest.Counts;
        Assert.Equal(9, c.InteractionsRead);
        Assert.Equal(3, c.UnknownItemInteractionsDropped);
        Assert.Equal(6, c.Interactions);
        Assert.Equal(["a1", "a2"], d.Catalog.Ids);
        Assert.Equal(["s1", "s2", "s4"], d.Sessions.Ids); // s3 had only the unknown item; s2 ends at 5 once ghost is gone
    }

    [Fact]
    public void DuplicateItemIdInTheCatalogIsAnErrorNamingItsLine()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DatasetFormatException>(() =>
            TestData.Prepare(dir, "SessionId,ItemId,Timestamp\ns1,a1,1\ns1,a2,2\ns2,a1,3\ns2,a2,4\n", "ItemId,Title\na1,A\na2,B\na1,again\n"));

        Assert.EndsWith("items.csv", e.File, StringComparison.Ordinal);
        Assert.Equal(4, e.Line);
        Assert.Contains("items.csv:4", e.Message, StringComparison.Ordinal);
        Assert.Contains("'a1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingLeftAfterKCoreIsAValidationError()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DatasetValidationException>(() =>
            TestData.Prepare(dir, TestData.SplitInteractions, TestData.SplitItems, new IngestionOptions(KCore: 5, TestFraction: 0.3m, FoldCount: 0)));

        Assert.Contains("5-core", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoInteractionsIsAValidationError()
    {
        using var dir = new TempDirectory();

        Assert.Throws<DatasetValidationException>(() => TestData.Prepare(dir, "SessionId,ItemId,Timestamp\n", TwoItems));
    }

    [Fact]
    public void SkipBadLinesCountsTheSkippedLinesOfBothFiles()
    {
        using var dir = new TempDirectory();
        const string interactions = "SessionId,ItemId,Timestamp\ns1,a1,1\ns1,a2\ns1,a2,2\ns2,a1,x\ns2,a1,3\ns2,a2,4\ns3,a1,5\ns3,a2,6\n";
        const string items = "ItemId,Title\na1,A\n\"broken\"x,B\na2,B\na1,duplicate\n";

        var d = TestData.Prepare(dir, interactions, items, TestData.NoFilter with { SkipBadLines = true });

        Assert.Equal(4, d.Manifest.Counts.SkippedLines);
        Assert.Equal(6, d.Manifest.Counts.InteractionsRead);
        Assert.Equal("A", d.Catalog.Titles[0]); // the first a1 wins over the duplicate
    }

    [Fact]
    public void BadLineFailsWithoutSkipBadLines()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DatasetFormatException>(() =>
            TestData.Prepare(dir, "SessionId,ItemId,Timestamp\ns1,a1,1\ns1,a2\n", TwoItems));

        Assert.Equal(3, e.Line);
    }

    [Theory]
    [InlineData(-1, "0.2", 0)]
    [InlineData(0, "0", 0)]
    [InlineData(0, "1", 0)]
    [InlineData(0, "0.2", -1)]
    public void InvalidOptionsAreRejected(int kCore, string fraction, int folds)
    {
        using var dir = new TempDirectory();
        var options = new IngestionOptions(kCore, decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture), folds);

        Assert.Throws<ArgumentException>(() => TestData.Prepare(dir, TestData.SplitInteractions, TestData.SplitItems, options));
    }
}
