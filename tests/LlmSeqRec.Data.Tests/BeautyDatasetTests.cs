using LlmSeqRec.Data.Ingestion;
using LlmSeqRec.Data.Preparation;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Data.Tests;

/// <summary>
/// The shared Amazon Beauty data; expected numbers come from its README (the RecSys'23 paper's protocol).
/// Skipped when ../shared/data/amazon-beauty is absent.
/// </summary>
public class BeautyDatasetTests
{
    private static readonly IngestionOptions PaperOptions = new(KCore: 5, TestFraction: 0.2m, FoldCount: 3);

    private static readonly Lazy<PreparedDataset> FromCsv = new(() =>
        DatasetPreparer.Prepare(new CsvFolderSource(TestPaths.Beauty), "amazon-beauty", PaperOptions));

    [SharedDataFact("data/amazon-beauty/interactions.csv", "data/amazon-beauty/items.csv")]
    public void CsvHasThePapersCounts()
    {
        var c = FromCsv.Value.Manifest.Counts;

        Assert.Equal(22_363, c.Sessions);
        Assert.Equal(12_101, c.Items);
        Assert.Equal(198_502, c.Interactions);
        Assert.Equal(198_502, c.InteractionsRead);
        Assert.Equal(0, c.KCoreInteractionsDropped);
        Assert.Equal(17_890, c.TrainSessions);
        Assert.Equal(11_957, c.TrainItems);
        Assert.Equal(4_473, c.TestSessions);
        Assert.Equal(4_469, c.TestCases);
        Assert.Equal(2_220, c.TestInteractionsDropped);
        Assert.Equal(4, c.TestSessionsDropped);
        Assert.Equal(7, c.ItemsWithoutTitle);
        Assert.Equal(1_402_012_800, FromCsv.Value.Sessions.EndTime(c.TrainSessions)); // the boundary day, 2014-06-06
    }

    [SharedDataFact("data/amazon-beauty/interactions.csv", "data/amazon-beauty/items.csv", "data/amazon-beauty/raw")]
    public void CsvAndAmazonDumpsGiveTheSameContentHash()
    {
        var dumps = AmazonDumpSource.TryFind(TestPaths.Beauty);
        Assert.NotNull(dumps);

        var fromDumps = DatasetPreparer.Prepare(dumps, "amazon-beauty", PaperOptions);

        Assert.Equal(FromCsv.Value.Manifest.ContentHash, fromDumps.Manifest.ContentHash);
        Assert.NotEqual(FromCsv.Value.Manifest.MetadataHash, fromDumps.Manifest.MetadataHash); // integer ids vs. reviewer ids and ASINs
        Assert.Equal(FromCsv.Value.Manifest.Counts, fromDumps.Manifest.Counts);
    }
}
