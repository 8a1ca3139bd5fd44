using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Data.Ingestion;
using LlmSeqRec.Data.Preparation;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Data.Tests;

public class DatasetLoaderTests
{
    [Fact]
    public void CsvFolderIsFoundAndPrepared()
    {
        using var dir = new TempDirectory();
        TestData.Write(dir, TestData.SplitInteractions, TestData.SplitItems);

        Assert.IsType<CsvFolderSource>(DatasetLoader.FindSource(dir.Path));
        var dataset = DatasetLoader.Load(dir.Path, TestData.NoFilter);
        Assert.Equal(7, dataset.Sessions.Count);
        Assert.Equal(Path.GetFileName(dir.Path), dataset.Manifest.Name);
    }

    [Fact]
    public void PreparedFolderIsReadNotReingested()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var dataset = TestData.Prepare(input, TestData.SplitInteractions, TestData.SplitItems);
        PreparedDatasetStore.Write(dataset, output["prepared"]);

        Assert.Null(DatasetLoader.FindSource(output["prepared"]));
        var loaded = DatasetLoader.Load(output["prepared"], new IngestionOptions(KCore: 5));
        Assert.Equal(dataset.Manifest.ContentHash, loaded.Manifest.ContentHash);
    }

    [Fact]
    public void AmazonDumpsUnderRawAreFoundAndNamedAfterTheParentFolder()
    {
        using var dir = new TempDirectory();
        dir.Write("beauty/raw/reviews_B.json", "{\"reviewerID\": \"U1\", \"asin\": \"A\", \"unixReviewTime\": 1}\n");
        dir.Write("beauty/raw/meta_B.json", "{'asin': 'A'}\n");

        Assert.IsType<AmazonDumpSource>(DatasetLoader.FindSource(dir["beauty"]));
        Assert.IsType<AmazonDumpSource>(DatasetLoader.FindSource(dir["beauty/raw"]));
        Assert.Equal("beauty", DatasetLoader.DatasetName(dir["beauty/raw"]));
        Assert.Equal("beauty", DatasetLoader.DatasetName(dir["beauty"] + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void FolderWithoutADatasetIsAnErrorListingWhatIsExpected()
    {
        using var dir = new TempDirectory();
        dir.Write("readme.txt", "nothing here");

        var e = Assert.Throws<DatasetFormatException>(() => DatasetLoader.FindSource(dir.Path));

        Assert.Contains("interactions.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("manifest.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("reviews_", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFolderIsAnError()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DatasetFormatException>(() => DatasetLoader.FindSource(dir["missing"]));

        Assert.Equal(dir["missing"], e.File);
    }
}
