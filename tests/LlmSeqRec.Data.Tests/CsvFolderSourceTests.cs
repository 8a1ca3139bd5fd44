using System.Text;
using LlmSeqRec.Data.Ingestion;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Data.Tests;

public class CsvFolderSourceTests
{
    private const string Items = "ItemId,Title\na,Alpha\nb,Beta\n";

    private static List<RawInteraction> Interactions(TempDirectory dir, string interactions, CsvColumns? columns = null, BadLinePolicy? policy = null)
    {
        dir.Write("interactions.csv", interactions);
        return new CsvFolderSource(dir.Path, columns).ReadInteractions(policy ?? new BadLinePolicy()).ToList();
    }

    private static List<RawItem> ItemsOf(TempDirectory dir, string items, CsvColumns? columns = null, BadLinePolicy? policy = null)
    {
        dir.Write("items.csv", items);
        return new CsvFolderSource(dir.Path, columns).ReadItems(policy ?? new BadLinePolicy()).ToList();
    }

    [Fact]
    public void ReadsInteractionsWithTheDefaultColumnsInAnyOrder()
    {
        using var dir = new TempDirectory();

        var rows = Interactions(dir, "Timestamp,Extra,ItemId,SessionId\n100,x,a,s1\n200,y, b ,s2\n");

        Assert.Equal([new RawInteraction("s1", "a", 100, 2), new RawInteraction("s2", "b", 200, 3)], rows);
    }

    [Fact]
    public void CustomColumnNamesAreUsed()
    {
        using var dir = new TempDirectory();
        var columns = new CsvColumns(SessionId: "user", ItemId: "product", Timestamp: "ts", Title: "name");

        var rows = Interactions(dir, "user,product,ts\nu1,p1,5\n", columns);
        var items = ItemsOf(dir, "product,name,color\np1,Lipstick,red\n", columns);

        Assert.Equal(new RawInteraction("u1", "p1", 5, 2), Assert.Single(rows));
        var item = Assert.Single(items);
        Assert.Equal(("p1", "Lipstick"), (item.Id, item.Title));
        Assert.Equal("red", item.Attributes["color"]);
    }

    [Fact]
    public void UnknownColumnIsAClearError()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DatasetFormatException>(() => Interactions(dir, "user,product,ts\nu1,p1,5\n"));

        Assert.Equal("SessionId", e.Field);
        Assert.EndsWith("interactions.csv", e.File, StringComparison.Ordinal);
        Assert.Contains("user, product, ts", e.Message, StringComparison.Ordinal);
        Assert.Contains("--session-column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTitleColumnInItemsIsAClearError()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DatasetFormatException>(() => ItemsOf(dir, "ItemId,Name\na,Alpha\n"));

        Assert.Equal("Title", e.Field);
        Assert.EndsWith("items.csv", e.File, StringComparison.Ordinal);
        Assert.Contains("--title-column", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s1,a\n")]
    [InlineData("s1,a,100,extra\n")]
    public void WrongFieldCountIsAnErrorWithTheLine(string badRow)
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DatasetFormatException>(() => Interactions(dir, "SessionId,ItemId,Timestamp\ns0,a,1\n" + badRow));

        Assert.Equal(3, e.Line);
        Assert.Contains("interactions.csv:3", e.Message, StringComparison.Ordinal);
        Assert.Contains("where the header has 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("1389052800.0")]
    [InlineData("1e9")]
    // Not ISO 8601. Regression: these used to fall back to DateTimeOffset.TryParse, which read '12.5' as
    // 5 December of the current year and '3:15' as today at 03:15.
    [InlineData("12.5")]
    [InlineData("1.5")]
    [InlineData("3:15")]
    [InlineData("01/02/2014")]
    [InlineData("Jan 7 2014")]
    public void TimestampThatIsNotANumberOrDateIsAnErrorNamingTheLine(string timestamp)
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DatasetFormatException>(() =>
            Interactions(dir, $"SessionId,ItemId,Timestamp\ns0,a,1\n\ns1,a,{timestamp}\n"));

        Assert.Equal(4, e.Line);
        Assert.Contains("interactions.csv:4", e.Message, StringComparison.Ordinal);
        Assert.Contains("timestamp", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2014-01-07T00:00:00Z")]
    [InlineData("2014-01-07T02:00:00+02:00")]
    [InlineData("2014-01-07T00:00:00")]
    [InlineData("2014-01-07")]
    [InlineData(" 1389052800 ")]
    public void IsoTimestampsAreUtcUnixSeconds(string timestamp)
    {
        using var dir = new TempDirectory();

        var row = Assert.Single(Interactions(dir, $"SessionId,ItemId,Timestamp\ns1,a,{timestamp}\n"));

        // 2014-01-07 00:00 UTC: 44 years of 365 days + 11 leap days + 6 days = 16,077 days since 1970-01-01.
        Assert.Equal(16_077L * 86_400, row.Timestamp);
    }

    [Fact]
    public void NegativeUnixSecondsAreAllowed()
    {
        using var dir = new TempDirectory();

        Assert.Equal(-86_400, Assert.Single(Interactions(dir, "SessionId,ItemId,Timestamp\ns1,a,-86400\n")).Timestamp);
    }

    [Fact]
    public void EmptyIdIsAnErrorNamingTheColumn()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DatasetFormatException>(() => Interactions(dir, "SessionId,ItemId,Timestamp\n  ,a,1\n"));

        Assert.Equal("SessionId", e.Field);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void SkipPolicyCountsBadLinesAndKeepsReading()
    {
        using var dir = new TempDirectory();
        var policy = new BadLinePolicy(skip: true);

        var rows = Interactions(dir,
            "SessionId,ItemId,Timestamp\ns1,a,1\ns2,\"b\"x,2\ns3,c\ns4,d,never\ns5,\"e\nf\",3\n",
            policy: policy);

        Assert.Equal(3, policy.SkippedLines);
        Assert.Equal([("s1", 2L), ("s5", 6L)], rows.Select(r => (r.SessionKey, r.Line)));
        Assert.Equal("e\nf", rows[1].ItemKey);
    }

    [Fact]
    public void ExtraItemColumnsBecomeAttributesWhenNotEmpty()
    {
        using var dir = new TempDirectory();

        var items = ItemsOf(dir,
            "Brand,ItemId,Title,Categories\n" +
            "Acme,a,\"Cream, 50 ml\",\"[\"\"Beauty\"\"]\"\n" +
            ",b,\"Two\nline title\",\n" +
            "Other,c,,x\n");

        Assert.Equal(3, items.Count);
        Assert.Equal(("a", "Cream, 50 ml", 2L), (items[0].Id, items[0].Title, items[0].Line));
        Assert.Equal(new Dictionary<string, string> { ["Brand"] = "Acme", ["Categories"] = "[\"Beauty\"]" }, items[0].Attributes);
        Assert.Equal(("b", "Two\nline title", 3L), (items[1].Id, items[1].Title, items[1].Line));
        Assert.Empty(items[1].Attributes);
        Assert.Equal(("c", "", 5L), (items[2].Id, items[2].Title, items[2].Line));
        Assert.Equal(2, items[2].Attributes.Count);
    }

    [Fact]
    public void MissingItemsFileIsAnError()
    {
        using var dir = new TempDirectory();
        dir.Write("interactions.csv", "SessionId,ItemId,Timestamp\ns1,a,1\n");

        var e = Assert.Throws<DatasetFormatException>(() => new CsvFolderSource(dir.Path).ReadItems(new BadLinePolicy()).ToList());

        Assert.EndsWith("items.csv", e.File, StringComparison.Ordinal);
        Assert.Null(e.Line);
    }

    [Fact]
    public void ByteOrderMarkDoesNotBreakTheFirstColumnName()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["interactions.csv"], "SessionId,ItemId,Timestamp\ns1,a,1\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var row = Assert.Single(new CsvFolderSource(dir.Path).ReadInteractions(new BadLinePolicy()));

        Assert.Equal("s1", row.SessionKey);
    }

    [Fact]
    public void IsCsvFolderLooksForInteractionsCsv()
    {
        using var dir = new TempDirectory();
        Assert.False(CsvFolderSource.IsCsvFolder(dir.Path));

        dir.Write("interactions.csv", "SessionId,ItemId,Timestamp\n");

        Assert.True(CsvFolderSource.IsCsvFolder(dir.Path));
    }
}
