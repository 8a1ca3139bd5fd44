using LlmSeqRec.Data.Formats;

namespace LlmSeqRec.Data.Tests;

public class CsvHeaderTests
{
    private static CsvHeader Header(string text) => CsvHeader.Read(new CsvRecordReader(new StringReader(text), "items.csv"));

    [Fact]
    public void NamesAreTrimmedAndResolvedToTheirIndex()
    {
        var header = Header(" ItemId , Title ,Brand\n1,a,b\n");

        Assert.Equal(["ItemId", "Title", "Brand"], header.Names);
        Assert.Equal(1, header.Require("Title", "--title-column"));
        Assert.Equal(2, header.Require("Brand", "--x"));
    }

    [Fact]
    public void HeaderAfterBlankLinesIsReportedOnItsOwnLine()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Header("\n\na,b,a\n"));

        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void DuplicateColumnIsAnErrorNamingTheColumn()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Header("ItemId,Title,ItemId\n"));

        Assert.Equal("ItemId", e.Field);
        Assert.Equal(1, e.Line);
        Assert.Contains("'ItemId'", e.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate", e.Message, StringComparison.Ordinal);
        Assert.Contains("columns 1 and 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnsThatDifferOnlyBySurroundingSpacesAreDuplicates()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Header("a, a\n"));

        Assert.Equal("a", e.Field);
    }

    [Fact]
    public void ColumnWithoutANameIsAnError()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Header("a,,b\n"));

        Assert.Contains("column 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiringAnUnknownColumnListsTheAvailableOnesAndTheOption()
    {
        var header = Header("user,product,ts\n");

        var e = Assert.Throws<DatasetFormatException>(() => header.Require("SessionId", "--session-column"));

        Assert.Equal("SessionId", e.Field);
        Assert.Equal("items.csv", e.File);
        Assert.Contains("user, product, ts", e.Message, StringComparison.Ordinal);
        Assert.Contains("--session-column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnNamesAreCaseSensitive()
    {
        var header = Header("sessionid\n");

        Assert.Throws<DatasetFormatException>(() => header.Require("SessionId", "--session-column"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void EmptyFileIsAnErrorOnLineOne(string text)
    {
        var e = Assert.Throws<DatasetFormatException>(() => Header(text));

        Assert.Equal(1, e.Line);
        Assert.Equal("items.csv", e.File);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }
}
