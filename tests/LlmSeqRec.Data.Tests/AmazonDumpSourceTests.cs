using System.IO.Compression;
using System.Text;
using LlmSeqRec.Data.Ingestion;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Data.Tests;

public class AmazonDumpSourceTests
{
    private const string Reviews =
        """
        {"reviewerID": "U1", "asin": "B1", "reviewerName": "Ann", "helpful": [2, 3], "reviewText": "\"unixReviewTime\": 1", "overall": 5.0, "summary": "ok", "unixReviewTime": 1389052800, "reviewTime": "01 7, 2014"}
        {"asin": "B2", "unixReviewTime": 1389139200, "nested": {"reviewerID": "WRONG", "asin": "WRONG"}, "reviewerID": "U1"}
        {"reviewerID": "U2", "asin": "B1", "unixReviewTime": 1000}

        """;

    private const string Metadata =
        """
        {'asin': 'B1', 'title': "L'Oreal Paris Cream", 'brand': 'Acme', 'categories': [['Beauty', 'Skin Care']], 'price': 5.5, 'imUrl': 'http://x'}
        {'asin': 'B2', 'salesRank': {'Beauty': 12}}
        {'asin': 'B3', 'title': 'Caf\xe9 Soap', 'brand': None}
        """;

    private static void WriteGzip(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var bytes = Encoding.UTF8.GetBytes(content);
        gzip.Write(bytes);
    }

    private static List<RawInteraction> ReadInteractions(AmazonDumpSource source, BadLinePolicy? policy = null) =>
        source.ReadInteractions(policy ?? new BadLinePolicy()).ToList();

    private static List<RawItem> ReadItems(AmazonDumpSource source, BadLinePolicy? policy = null) =>
        source.ReadItems(policy ?? new BadLinePolicy()).ToList();

    [Fact]
    public void ReadsReviewerAsinAndTimeAndIgnoresOtherFields()
    {
        using var dir = new TempDirectory();
        var source = new AmazonDumpSource(dir.Write("reviews_X.json", Reviews), dir.Write("meta_X.json", Metadata));

        var interactions = ReadInteractions(source);

        Assert.Equal(
            [new RawInteraction("U1", "B1", 1389052800, 1), new RawInteraction("U1", "B2", 1389139200, 2), new RawInteraction("U2", "B1", 1000, 3)],
            interactions);
    }

    [Fact]
    public void ReadsGzippedFiles()
    {
        using var dir = new TempDirectory();
        WriteGzip(dir["reviews_X.json.gz"], Reviews);
        WriteGzip(dir["meta_X.json.gz"], Metadata);
        var source = new AmazonDumpSource(dir["reviews_X.json.gz"], dir["meta_X.json.gz"]);

        Assert.Equal(["B1", "B2", "B1"], ReadInteractions(source).Select(i => i.ItemKey));
        Assert.Equal(["B1", "B2", "B3"], ReadItems(source).Select(i => i.Id));
    }

    [Fact]
    public void MetadataKeepsTitleAndTheBrandAndCategoriesAttributes()
    {
        using var dir = new TempDirectory();
        var source = new AmazonDumpSource(dir.Write("reviews_X.json", Reviews), dir.Write("meta_X.json", Metadata));

        var items = ReadItems(source);

        Assert.Equal(3, items.Count);
        Assert.Equal("L'Oreal Paris Cream", items[0].Title);
        Assert.Equal(1, items[0].Line);
        Assert.Equal(2, items[0].Attributes.Count);
        Assert.Equal("Acme", items[0].Attributes["brand"]);
        Assert.Equal("[[\"Beauty\",\"Skin Care\"]]", items[0].Attributes["categories"]);

        Assert.Null(items[1].Title);
        Assert.Empty(items[1].Attributes);

        Assert.Equal("Café Soap", items[2].Title);
        Assert.Empty(items[2].Attributes); // brand None is not kept
        Assert.Equal(3, items[2].Line);
    }

    [Fact]
    public void MetadataKeysAreConfigurable()
    {
        using var dir = new TempDirectory();
        var source = new AmazonDumpSource(dir.Write("reviews_X.json", Reviews), dir.Write("meta_X.json", Metadata),
            new AmazonDumpOptions(["price", "salesRank"]));

        var items = ReadItems(source);

        Assert.Equal("5.5", Assert.Single(items[0].Attributes).Value);
        Assert.Equal("{\"Beauty\":12}", items[1].Attributes["salesRank"]);
    }

    [Fact]
    public void MalformedJsonLineIsAnErrorWithFileAndLine()
    {
        using var dir = new TempDirectory();
        var reviews = dir.Write("reviews_X.json",
            "{\"reviewerID\": \"U1\", \"asin\": \"B1\", \"unixReviewTime\": 1}\n\n{\"reviewerID\": \"U2\", \"asin\": \n");
        var source = new AmazonDumpSource(reviews, dir.Write("meta_X.json", Metadata));

        var e = Assert.Throws<DatasetFormatException>(() => ReadInteractions(source));

        Assert.Equal(reviews, e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains($"{reviews}:3", e.Message, StringComparison.Ordinal);
        Assert.Contains("JSON", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"reviewerID\": \"U1\", \"asin\": \"B1\", \"unixReviewTime\": 1} x")]
    [InlineData("{'reviewerID': 'U1', 'asin': 'B1', 'unixReviewTime': 1}")]
    public void NonObjectOrTrailingTextIsAnErrorOnItsLine(string line)
    {
        using var dir = new TempDirectory();
        var source = new AmazonDumpSource(dir.Write("reviews_X.json", "{\"reviewerID\": \"U1\", \"asin\": \"B1\", \"unixReviewTime\": 1}\n" + line + "\n"), dir.Write("meta_X.json", Metadata));

        var e = Assert.Throws<DatasetFormatException>(() => ReadInteractions(source));

        Assert.Equal(2, e.Line);
    }

    [Theory]
    [InlineData("{\"asin\": \"B1\", \"unixReviewTime\": 1}", "reviewerID")]
    [InlineData("{\"reviewerID\": \"U1\", \"unixReviewTime\": 1}", "asin")]
    [InlineData("{\"reviewerID\": \"U1\", \"asin\": \" \", \"unixReviewTime\": 1}", "asin")]
    [InlineData("{\"reviewerID\": 17, \"asin\": \"B1\", \"unixReviewTime\": 1}", "reviewerID")]
    [InlineData("{\"reviewerID\": \"U1\", \"asin\": \"B1\"}", "unixReviewTime")]
    [InlineData("{\"reviewerID\": \"U1\", \"asin\": \"B1\", \"unixReviewTime\": \"1389052800\"}", "unixReviewTime")]
    [InlineData("{\"reviewerID\": \"U1\", \"asin\": \"B1\", \"unixReviewTime\": 1.5}", "unixReviewTime")]
    public void MissingOrInvalidFieldIsNamed(string line, string field)
    {
        using var dir = new TempDirectory();
        var reviews = dir.Write("reviews_X.json", line + "\n");
        var source = new AmazonDumpSource(reviews, dir.Write("meta_X.json", Metadata));

        var e = Assert.Throws<DatasetFormatException>(() => ReadInteractions(source));

        Assert.Equal(field, e.Field);
        Assert.Equal(1, e.Line);
        Assert.Contains($"'{field}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipPolicySkipsAndCountsBadReviewLines()
    {
        using var dir = new TempDirectory();
        var reviews = dir.Write("reviews_X.json",
            "{\"reviewerID\": \"U1\", \"asin\": \"B1\", \"unixReviewTime\": 1}\n" +
            "not json\n" +
            "{\"reviewerID\": \"U1\", \"unixReviewTime\": 2}\n" +
            "{\"reviewerID\": \"U2\", \"asin\": \"B2\", \"unixReviewTime\": 3}\n");
        var source = new AmazonDumpSource(reviews, dir.Write("meta_X.json", Metadata));
        var policy = new BadLinePolicy(skip: true);

        var interactions = ReadInteractions(source, policy);

        Assert.Equal([1L, 4L], interactions.Select(i => i.Line));
        Assert.Equal(2, policy.SkippedLines);
        Assert.Equal(2, policy.Examples.Count);
        Assert.Contains($"{reviews}:2", policy.Examples[0], StringComparison.Ordinal);
        Assert.Contains($"{reviews}:3", policy.Examples[1], StringComparison.Ordinal);
    }

    [Fact]
    public void SkipPolicyKeepsOnlyTheFirstExamplesButCountsAll()
    {
        using var dir = new TempDirectory();
        var reviews = dir.Write("reviews_X.json", string.Concat(Enumerable.Repeat("oops\n", 4)));
        var source = new AmazonDumpSource(reviews, dir.Write("meta_X.json", Metadata));
        var policy = new BadLinePolicy(skip: true, maxExamples: 2);

        Assert.Empty(ReadInteractions(source, policy));
        Assert.Equal(4, policy.SkippedLines);
        Assert.Equal(2, policy.Examples.Count);
    }

    [Theory]
    [InlineData("{'asin': 'B9', 'title': __import__('os').system('id')}", null)]
    [InlineData("{'asin': 'B9', 'title': 'unterminated}", null)]
    [InlineData("['asin', 'B9']", null)]
    [InlineData("{'title': 'no asin'}", "asin")]
    [InlineData("{'asin': 42}", "asin")]
    [InlineData("{'asin': 'B9', 'title': ['a', 'list']}", "title")]
    public void MalformedMetadataLineIsAnErrorWithLine(string line, string? field)
    {
        using var dir = new TempDirectory();
        var meta = dir.Write("meta_X.json", "{'asin': 'B1'}\n" + line + "\n");
        var source = new AmazonDumpSource(dir.Write("reviews_X.json", Reviews), meta);

        var e = Assert.Throws<DatasetFormatException>(() => ReadItems(source));

        Assert.Equal(meta, e.File);
        Assert.Equal(2, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains($"{meta}:2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipPolicySkipsAndCountsBadMetadataLines()
    {
        using var dir = new TempDirectory();
        var meta = dir.Write("meta_X.json", "{'asin': 'B1'}\n{'asin': 'B2', 'title': eval('1')}\n\n{'asin': 'B3'}\n");
        var source = new AmazonDumpSource(dir.Write("reviews_X.json", Reviews), meta);
        var policy = new BadLinePolicy(skip: true);

        var items = ReadItems(source, policy);

        Assert.Equal(["B1", "B3"], items.Select(i => i.Id));
        Assert.Equal([1L, 4L], items.Select(i => i.Line));
        Assert.Equal(1, policy.SkippedLines);
    }

    [Fact]
    public void TryFindFindsTheDumpsInTheFolder()
    {
        using var dir = new TempDirectory();
        dir.Write("reviews_Beauty_5.json", Reviews);
        WriteGzip(dir["meta_Beauty.json.gz"], Metadata);
        dir.Write("notes.txt", "not a dump");

        var source = AmazonDumpSource.TryFind(dir.Path);

        Assert.NotNull(source);
        Assert.Equal(dir["reviews_Beauty_5.json"], source.InteractionsFile);
        Assert.Equal(dir["meta_Beauty.json.gz"], source.ItemsFile);
    }

    [Fact]
    public void TryFindFindsTheDumpsInTheRawSubFolder()
    {
        using var dir = new TempDirectory();
        WriteGzip(dir["raw/reviews_Beauty_5.json.gz"], Reviews);
        WriteGzip(dir["raw/meta_Beauty.json.gz"], Metadata);

        var source = AmazonDumpSource.TryFind(dir.Path);

        Assert.NotNull(source);
        Assert.Equal(dir["raw/reviews_Beauty_5.json.gz"], source.InteractionsFile);
        Assert.Equal(dir["raw/meta_Beauty.json.gz"], source.ItemsFile);
        Assert.Equal(3, ReadInteractions(source).Count);
    }

    [Fact]
    public void TryFindReturnsNullWithoutBothFiles()
    {
        using var dir = new TempDirectory();
        dir.Write("reviews_X.json", Reviews);
        dir.Write("raw/meta_X.json", Metadata);
        dir.Write("meta_X.json.bak", Metadata);

        Assert.Null(AmazonDumpSource.TryFind(dir.Path));
        Assert.Null(AmazonDumpSource.TryFind(dir["does-not-exist"]));
    }

    [Fact]
    public void TryFindRefusesToGuessBetweenSeveralDumps()
    {
        using var dir = new TempDirectory();
        dir.Write("reviews_A.json", Reviews);
        dir.Write("reviews_B.json", Reviews);
        dir.Write("meta_A.json", Metadata);

        var e = Assert.Throws<DatasetValidationException>(() => AmazonDumpSource.TryFind(dir.Path));

        Assert.Contains("reviews_A.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("reviews_B.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeNamesTheFilesWithoutTheirFolder()
    {
        using var dir = new TempDirectory();
        var source = new AmazonDumpSource(dir.Write("reviews_X.json", Reviews), dir.Write("meta_X.json", Metadata));

        var description = source.Describe();

        Assert.Equal("amazon-2014", description.Format);
        Assert.Equal(["reviews_X.json", "meta_X.json"], description.Files.Select(f => f.Name));
        Assert.Equal(new FileInfo(dir["reviews_X.json"]).Length, description.Files[0].Bytes);
    }
}
