using LlmSeqRec.Data.Formats;

namespace LlmSeqRec.Data.Tests;

public class CsvRecordReaderTests
{
    private const string FileName = "data.csv";

    private static CsvRecordReader Reader(string text) => new(new StringReader(text), FileName);

    /// <summary>Reads every record with the line it starts on.</summary>
    private static List<(long Line, string[] Fields)> ReadAll(string text)
    {
        using var reader = Reader(text);
        var result = new List<(long, string[])>();
        var fields = new List<string>();
        while (reader.TryRead(fields))
        {
            result.Add((reader.RecordLine, fields.ToArray()));
        }

        return result;
    }

    [Fact]
    public void ReadsPlainFieldsWithTheLineEachRecordStartsOn()
    {
        var records = ReadAll("a,b,c\n1,2,3\nx,y,z\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["1", "2", "3"], records[1].Fields);
        Assert.Equal(["x", "y", "z"], records[2].Fields);
        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Line));
    }

    [Fact]
    public void KeepsEmptyFieldsIncludingALeadingAndATrailingOne()
    {
        var records = ReadAll(",a,,\n");

        Assert.Equal(["", "a", "", ""], Assert.Single(records).Fields);
    }

    [Fact]
    public void LastRecordWithoutNewlineIsRead()
    {
        var records = ReadAll("a,b\n1,2");

        Assert.Equal(["1", "2"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public void EmptyInputHasNoRecords()
    {
        Assert.Empty(ReadAll(""));
        Assert.Empty(ReadAll("\n\r\n\n"));
    }

    [Fact]
    public void QuotedFieldsMayHoldCommasAndDoubledQuotes()
    {
        var records = ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"\",plain\n");

        Assert.Equal(["a,b", "say \"hi\"", "", "plain"], Assert.Single(records).Fields);
    }

    [Fact]
    public void QuotedFieldsMaySpanLinesAndLaterRecordsKeepTheirLineNumbers()
    {
        const string text = "id,title\n1,\"two\nlines\"\n2,\"three\nmore\nlines\"\n3,x\n";

        var records = ReadAll(text);

        Assert.Equal(4, records.Count);
        Assert.Equal(["1", "two\nlines"], records[1].Fields);
        Assert.Equal(["2", "three\nmore\nlines"], records[2].Fields);
        Assert.Equal(["3", "x"], records[3].Fields);
        Assert.Equal([1L, 2L, 4L, 7L], records.Select(r => r.Line));
    }

    [Fact]
    public void CrLfLineEndsAreNotPartOfTheFields()
    {
        var records = ReadAll("a,b\r\n1,2\r\n\r\n3,\"4\"\r\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["1", "2"], records[1].Fields);
        Assert.Equal(["3", "4"], records[2].Fields);
        Assert.Equal([1L, 2L, 4L], records.Select(r => r.Line));
    }

    [Fact]
    public void CrLfInsideAQuotedFieldIsKeptAndCountsAsOneLine()
    {
        var records = ReadAll("1,\"x\r\ny\"\r\n2,z\r\n");

        Assert.Equal(["1", "x\r\ny"], records[0].Fields);
        Assert.Equal(["2", "z"], records[1].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void BlankLinesAreSkippedButCounted()
    {
        var records = ReadAll("\n\na\n\n\nb\n\n");

        Assert.Equal(2, records.Count);
        Assert.Equal((3L, "a"), (records[0].Line, records[0].Fields.Single()));
        Assert.Equal((6L, "b"), (records[1].Line, records[1].Fields.Single()));
    }

    [Fact]
    public void LineEndSplitAcrossTheReadBufferCountsOnce()
    {
        // The reader fills a 65,536-character buffer: put the CR as its last character and the LF as the next one.
        var text = new string('x', 65535) + "\r\ny\r\n";

        var records = ReadAll(text);

        Assert.Equal(2, records.Count);
        Assert.Equal(65535, records[0].Fields.Single().Length);
        Assert.Equal((2L, "y"), (records[1].Line, records[1].Fields.Single()));
    }

    [Fact]
    public void DoubledQuoteSplitAcrossTheReadBufferIsOneQuote()
    {
        // Opening quote at 0, 65,534 x's, the doubled quote at 65,535 and 65,536 (across the buffer end), then the closing quote.
        var text = "\"" + new string('x', 65534) + "\"\"\"\nnext\n";

        var records = ReadAll(text);

        Assert.Equal(new string('x', 65534) + "\"", records[0].Fields.Single());
        Assert.Equal((2L, "next"), (records[1].Line, records[1].Fields.Single()));
    }

    [Fact]
    public void UnterminatedQuoteNamesTheFileAndTheLineWhereTheQuoteOpens()
    {
        using var reader = Reader("a,b\n1,\"open\n2,3\n");
        var fields = new List<string>();
        Assert.True(reader.TryRead(fields));

        var e = Assert.Throws<DatasetFormatException>(() => reader.TryRead(fields));

        Assert.Equal(FileName, e.File);
        Assert.Equal(2, e.Line);
        Assert.StartsWith("data.csv:2: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("unterminated", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CharacterAfterAClosingQuoteIsAnErrorAndReadingGoesOnAtTheNextLine()
    {
        using var reader = Reader("a,b\n\"x\"y,2\n3,4\n");
        var fields = new List<string>();
        Assert.True(reader.TryRead(fields));

        var e = Assert.Throws<DatasetFormatException>(() => reader.TryRead(fields));
        Assert.Equal(2, e.Line);
        Assert.Contains("'y'", e.Reason, StringComparison.Ordinal);
        Assert.Contains("data.csv:2", e.Message, StringComparison.Ordinal);

        Assert.True(reader.TryRead(fields));
        Assert.Equal(["3", "4"], fields);
        Assert.Equal(3, reader.RecordLine);
        Assert.False(reader.TryRead(fields));
    }

    [Fact]
    public void QuoteInsideAnUnquotedFieldIsAnErrorAndReadingGoesOnAtTheNextLine()
    {
        using var reader = Reader("a,b\nab\"c,\"d\"\n3,4\n");
        var fields = new List<string>();
        Assert.True(reader.TryRead(fields));

        var e = Assert.Throws<DatasetFormatException>(() => reader.TryRead(fields));
        Assert.Equal(FileName, e.File);
        Assert.Equal(2, e.Line);
        Assert.Contains("data.csv:2", e.Message, StringComparison.Ordinal);

        Assert.True(reader.TryRead(fields));
        Assert.Equal(["3", "4"], fields);
        Assert.Equal(3, reader.RecordLine);
    }

    [Fact]
    public void ErrorAfterAMultiLineFieldReportsTheLineOfTheBadCharacterAndKeepsCounting()
    {
        using var reader = Reader("1,\"a\nb\"x\n2,3\n");
        var fields = new List<string>();

        var e = Assert.Throws<DatasetFormatException>(() => reader.TryRead(fields));
        Assert.Equal(2, e.Line);

        Assert.True(reader.TryRead(fields));
        Assert.Equal(["2", "3"], fields);
        Assert.Equal(3, reader.RecordLine);
    }
}
