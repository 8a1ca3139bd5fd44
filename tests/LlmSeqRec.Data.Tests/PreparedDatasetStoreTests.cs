using System.Text.Json.Nodes;
using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Data.Preparation;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Data.Tests;

public class PreparedDatasetStoreTests
{
    private static readonly IngestionOptions WithFold = new(KCore: 0, TestFraction: 0.3m, FoldCount: 1);

    private static PreparedDataset Prepare(TempDirectory dir, string interactions = TestData.SplitInteractions, string items = TestData.SplitItems) =>
        TestData.Prepare(dir, interactions, items, WithFold);

    private static string[] Siblings(string folder) =>
        Directory.GetDirectories(Path.GetDirectoryName(folder)!).Select(Path.GetFileName).Where(n => n != Path.GetFileName(folder)).ToArray()!;

    /// <summary>Changes the ground truth of the first test case to another item, keeping the line valid JSON.</summary>
    private static void CorruptFirstTestCase(string folder, int itemCount)
    {
        var path = Path.Combine(folder, "test.jsonl");
        var lines = File.ReadAllLines(path);
        var node = JsonNode.Parse(lines[0])!;
        var truth = node["truth"]!.AsArray();
        truth[0] = (truth[0]!.GetValue<int>() + 1) % itemCount;
        lines[0] = node.ToJsonString();
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }

    /// <summary>Rewrites the leading fields of each data row (after the header) of a CSV whose leading fields are unquoted.</summary>
    private static string RenameFirstFields(string csv, Func<string[], string> rename)
    {
        var lines = csv.Split('\n');
        for (var l = 1; l < lines.Length; l++)
        {
            if (lines[l].Length > 0)
            {
                var fields = lines[l].Split(',');
                var renamed = rename(fields);
                var count = renamed.Count(c => c == ',') + 1;
                lines[l] = string.Join(',', [renamed, .. fields.Skip(count)]);
            }
        }

        return string.Join('\n', lines);
    }

    [Fact]
    public void WriteThenReadRoundTrips()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var dataset = Prepare(input);
        var folder = output["beauty"];

        Assert.Equal(WriteOutcome.Created, PreparedDatasetStore.Write(dataset, folder));
        var read = PreparedDatasetStore.Read(folder);

        Assert.Equal(dataset.Manifest.Name, read.Manifest.Name);
        Assert.Equal(dataset.Manifest.Source.Files, read.Manifest.Source.Files);
        Assert.Equal(dataset.Manifest.ContentHash, read.Manifest.ContentHash);
        Assert.Equal(dataset.Manifest.MetadataHash, read.Manifest.MetadataHash);
        Assert.Equal(dataset.Manifest.Counts, read.Manifest.Counts);
        Assert.Equal(dataset.Manifest.Parameters, read.Manifest.Parameters);
        Assert.Equal(dataset.Manifest.Folds, read.Manifest.Folds);
        Assert.Equal(dataset.Catalog.Ids, read.Catalog.Ids);
        Assert.Equal(dataset.Catalog.Titles, read.Catalog.Titles);
        Assert.Equal(dataset.Catalog.Attributes.Select(a => a.Count), read.Catalog.Attributes.Select(a => a.Count));
        Assert.Equal("Acme", read.Catalog.Attributes[1]["Brand"]);
        Assert.Equal(dataset.Sessions.Ids, read.Sessions.Ids);
        for (var s = 0; s < dataset.Sessions.Count; s++)
        {
            Assert.Equal(dataset.Sessions.ItemsOf(s).ToArray(), read.Sessions.ItemsOf(s).ToArray());
            Assert.Equal(dataset.Sessions.TimestampsOf(s).ToArray(), read.Sessions.TimestampsOf(s).ToArray());
        }

        Assert.Equal(dataset.TrainSessionCount, read.TrainSessionCount);
        Assert.Equal(Flatten(dataset.Test), Flatten(read.Test));
        var fold = Assert.Single(read.Folds);
        Assert.Equal(dataset.Folds[0].TrainSessionCount, fold.TrainSessionCount);
        Assert.Equal(Flatten(dataset.Folds[0].Cases), Flatten(fold.Cases));

        static string[] Flatten(IReadOnlyList<EvaluationCase> cases) =>
            cases.Select(c => $"{c.Session}:{string.Join(' ', c.Prompt)}>{string.Join(' ', c.GroundTruth)}").ToArray();
    }

    [Fact]
    public void WritingTheSameDatasetAgainLeavesTheFolderUnchanged()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var folder = output["ds"];
        PreparedDatasetStore.Write(Prepare(input), folder);
        var manifest = Path.Combine(folder, PreparedDatasetStore.ManifestFile);
        var writtenAt = File.GetLastWriteTimeUtc(manifest);
        File.SetLastWriteTimeUtc(manifest, writtenAt.AddHours(-1));

        var outcome = PreparedDatasetStore.Write(Prepare(input), folder);

        Assert.Equal(WriteOutcome.Unchanged, outcome);
        Assert.Equal(writtenAt.AddHours(-1), File.GetLastWriteTimeUtc(manifest));
        Assert.Empty(Siblings(folder));
    }

    [Fact]
    public void WritingADifferentDatasetReplacesTheFolderWithoutLeftovers()
    {
        using var input = new TempDirectory();
        using var other = new TempDirectory();
        using var output = new TempDirectory();
        var folder = output["ds"];
        PreparedDatasetStore.Write(Prepare(input), folder);
        var second = Prepare(other, TestData.SplitInteractions.Replace("s7,i3,72", "s7,i3,73", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "stray.txt"), "from the old version");

        var outcome = PreparedDatasetStore.Write(second, folder);

        Assert.Equal(WriteOutcome.Replaced, outcome);
        Assert.Empty(Siblings(folder));
        Assert.False(File.Exists(Path.Combine(folder, "stray.txt")));
        Assert.Equal(second.Manifest.ContentHash, PreparedDatasetStore.Read(folder).Manifest.ContentHash);
    }

    [Fact]
    public void AnEditedCaseFileFailsTheHashCheck()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var dataset = Prepare(input);
        var folder = output["ds"];
        PreparedDatasetStore.Write(dataset, folder);
        CorruptFirstTestCase(folder, dataset.Catalog.Count);

        var e = Assert.Throws<DatasetFormatException>(() => PreparedDatasetStore.Read(folder));

        Assert.Equal("contentHash", e.Field);
        Assert.Contains("hash", e.Reason, StringComparison.Ordinal);
        Assert.EndsWith(PreparedDatasetStore.ManifestFile, e.File, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEditedSessionIdFailsTheHashCheck()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var folder = output["ds"];
        PreparedDatasetStore.Write(Prepare(input), folder);
        var path = Path.Combine(folder, "sessions.jsonl");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"s1\"", "\"s1-edited\"", StringComparison.Ordinal));

        var e = Assert.Throws<DatasetFormatException>(() => PreparedDatasetStore.Read(folder));

        Assert.Contains("hash", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedLineIsReportedWithItsFileAndLine()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var folder = output["ds"];
        PreparedDatasetStore.Write(Prepare(input), folder);
        var path = Path.Combine(folder, "test.jsonl");
        var lines = File.ReadAllLines(path);
        lines[1] = "{\"session\": ";
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<DatasetFormatException>(() => PreparedDatasetStore.Read(folder));

        Assert.Equal(path, e.File);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void AMissingFileIsReported()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var folder = output["ds"];
        PreparedDatasetStore.Write(Prepare(input), folder);
        File.Delete(Path.Combine(folder, "fold-1.jsonl"));

        var e = Assert.Throws<DatasetFormatException>(() => PreparedDatasetStore.Read(folder));

        Assert.EndsWith("fold-1.jsonl", e.File, StringComparison.Ordinal);
    }

    // Regression: Write used to answer Unchanged from manifest.json alone, so a damaged folder was never repaired.
    [Fact]
    public void WritingOverADamagedFolderRepairsIt()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var dataset = Prepare(input);
        var folder = output["ds"];
        PreparedDatasetStore.Write(dataset, folder);
        CorruptFirstTestCase(folder, dataset.Catalog.Count);

        var outcome = PreparedDatasetStore.Write(Prepare(input), folder);

        Assert.Equal(WriteOutcome.Replaced, outcome);
        Assert.Equal(dataset.Manifest.ContentHash, PreparedDatasetStore.Read(folder).Manifest.ContentHash);
    }

    [Fact]
    public void ManifestOfAnotherFormatIsRefused()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var folder = output["ds"];
        PreparedDatasetStore.Write(Prepare(input), folder);
        var manifest = Path.Combine(folder, PreparedDatasetStore.ManifestFile);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(DatasetManifest.CurrentFormat, "llmseqrec.prepared-dataset/0", StringComparison.Ordinal));

        var e = Assert.Throws<DatasetFormatException>(() => PreparedDatasetStore.ReadManifest(folder));

        Assert.Equal("format", e.Field);
    }

    [Fact]
    public void PreparingTheSameInputTwiceGivesTheSameHashes()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        var a = Prepare(first);
        var b = TestData.Prepare(second, TestData.SplitInteractions, TestData.SplitItems, WithFold);

        Assert.StartsWith("sha256:", a.Manifest.ContentHash, StringComparison.Ordinal);
        Assert.Equal(a.Manifest.ContentHash, b.Manifest.ContentHash);
        Assert.Equal(a.Manifest.MetadataHash, b.Manifest.MetadataHash);
    }

    [Fact]
    public void RenamedIdsKeepTheContentHashButChangeTheMetadataHash()
    {
        using var original = new TempDirectory();
        using var renamed = new TempDirectory();
        var a = Prepare(original);
        var b = Prepare(renamed,
            RenameFirstFields(TestData.SplitInteractions, row => $"user-{row[0]},item-{row[1]}"),
            RenameFirstFields(TestData.SplitItems, row => $"item-{row[0]}"));

        Assert.Equal(a.Sessions.Count, b.Sessions.Count);
        Assert.StartsWith("user-", b.Sessions.Ids[0], StringComparison.Ordinal);
        Assert.StartsWith("item-", b.Catalog.Ids[1], StringComparison.Ordinal);
        Assert.Equal(a.Manifest.ContentHash, b.Manifest.ContentHash);
        Assert.NotEqual(a.Manifest.MetadataHash, b.Manifest.MetadataHash);
    }

    [Theory]
    [InlineData("s7,i3,72", "s7,i3,73")] // a timestamp
    [InlineData("s5,i2,52", "s5,i2,49")] // the order inside a session
    public void ChangingWhatModelsSeeChangesTheContentHashOnly(string row, string changed)
    {
        using var original = new TempDirectory();
        using var edited = new TempDirectory();

        var a = Prepare(original);
        var b = Prepare(edited, TestData.SplitInteractions.Replace(row, changed, StringComparison.Ordinal));

        Assert.NotEqual(a.Manifest.ContentHash, b.Manifest.ContentHash);
        Assert.Equal(a.Manifest.MetadataHash, b.Manifest.MetadataHash);
    }

    [Fact]
    public void ChangingATitleChangesTheContentHashAndAnAttributeTheMetadataHash()
    {
        using var original = new TempDirectory();
        using var title = new TempDirectory();
        using var brand = new TempDirectory();

        var a = Prepare(original);
        var b = Prepare(title, items: TestData.SplitItems.Replace("Item One", "Item 1", StringComparison.Ordinal));
        var c = Prepare(brand, items: TestData.SplitItems.Replace("i2,,Acme", "i2,,Other", StringComparison.Ordinal));

        Assert.NotEqual(a.Manifest.ContentHash, b.Manifest.ContentHash);
        Assert.Equal(a.Manifest.ContentHash, c.Manifest.ContentHash);
        Assert.NotEqual(a.Manifest.MetadataHash, c.Manifest.MetadataHash);
    }

    [Fact]
    public void DifferentSplitParametersChangeTheContentHash()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        var a = TestData.Prepare(first, TestData.SplitInteractions, TestData.SplitItems, WithFold);
        var b = TestData.Prepare(second, TestData.SplitInteractions, TestData.SplitItems, WithFold with { FoldCount = 2 });

        Assert.NotEqual(a.Manifest.ContentHash, b.Manifest.ContentHash);
    }
}
