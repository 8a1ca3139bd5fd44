using LlmSeqRec.Data.Ingestion;
using LlmSeqRec.Data.Preparation;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Data.Tests;

/// <summary>Small hand-built CSV datasets and helpers to prepare and inspect them.</summary>
internal static class TestData
{
    /// <summary>KCore off, 30% test, no folds.</summary>
    public static readonly IngestionOptions NoFilter = new(KCore: 0, TestFraction: 0.3m, FoldCount: 0);

    /// <summary>
    /// Seven sessions s1..s7 ending at 11, 21, 31, 41, 52, 61, 72, written out of order. With a test fraction of 0.3
    /// the test split is the last ceil(2.1) = 3 sessions: s5, s6, s7. Train items are i1..i4. In test, n1 (s5) and
    /// n2 (s6) are not in train: 2 interactions dropped, s6 is left with one item and dropped.
    /// s4's rows are in reverse time order in the file.
    /// </summary>
    public const string SplitInteractions =
        """
        SessionId,ItemId,Timestamp
        s7,i4,70
        s1,i1,10
        s5,i1,50
        s7,i2,71
        s1,i2,11
        s2,i2,20
        s2,i3,21
        s3,i3,30
        s5,n1,51
        s3,i4,31
        s4,i1,41
        s4,i4,40
        s6,n2,60
        s6,i3,61
        s5,i2,52
        s7,i3,72

        """;

    /// <summary>The catalog of <see cref="SplitInteractions"/>, in an order unlike the interactions' (plus one unused item).</summary>
    public const string SplitItems =
        """"
        ItemId,Title,Brand
        n2,New Two,
        i4,Item &amp; Four,Acme
        i3,"Item Three, ""Deluxe""",
        unused,Never Reviewed,
        i2,,Acme
        i1,Item One,
        n1,New One,

        """";

    /// <summary>Writes interactions.csv and items.csv into <paramref name="dir"/>.</summary>
    public static CsvFolderSource Write(TempDirectory dir, string interactions, string items)
    {
        dir.Write(CsvFolderSource.InteractionsFileName, interactions);
        dir.Write(CsvFolderSource.ItemsFileName, items);
        return new CsvFolderSource(dir.Path);
    }

    /// <summary>Writes the files and prepares them (by default without k-core, 30% test, no folds).</summary>
    public static PreparedDataset Prepare(TempDirectory dir, string interactions, string items, IngestionOptions? options = null) =>
        DatasetPreparer.Prepare(Write(dir, interactions, items), "t", options ?? NoFilter);

    /// <summary>The external item ids of a session, in session order.</summary>
    public static string[] SessionItemIds(PreparedDataset dataset, int session) => ItemIds(dataset, dataset.Sessions.ItemsOf(session).ToArray());

    /// <summary>External ids of dense item indexes.</summary>
    public static string[] ItemIds(PreparedDataset dataset, int[] items) => items.Select(i => dataset.Catalog.Ids[i]).ToArray();
}
