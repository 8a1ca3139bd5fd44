using LlmSeqRec.Data;
using LlmSeqRec.Data.Preparation;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Evaluation.Tests;

public sealed class RecommendationFileTests : IDisposable
{
    // Items A..E are indexes 0..4. Sessions s0, s1 are train; s2, s3, s4 are the test cases (in that order).
    private static readonly PreparedDataset Dataset = TinyDataset.Build(
        ["A", "B", "C", "D", "E"],
        [[0, 1, 2], [1, 3], [0, 1, 2], [2, 3, 4], [3, 0]],
        trainSessionCount: 2);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private RecommendationFile Read(string content) =>
        RecommendationFile.Read(_temp.Write("recs.csv", content), Dataset, Dataset.Test);

    [Fact]
    public void MatchesSessionsToCasesAndSortsByRank()
    {
        var file = Read("SessionId,Rank,ItemId\ns2,2,B\ns2,1,E\ns2,3,A\ns3,1,D\ns3,2,C\ns4,1,A\n");

        Assert.Equal(Dataset.Test, file.Cases);
        Assert.Equal([[4, 1, 0], [3, 2], [0]], file.Recommendations);
        Assert.Equal(0, file.CasesWithoutRecommendations);
        Assert.Equal(0, file.SessionsNotInCases);
        Assert.Equal(0, file.UnknownItems);
    }

    [Fact]
    public void RanksAreSortedNumerically()
    {
        var file = Read("SessionId,Rank,ItemId\ns2,10,A\ns2,2,B\ns2,1,C\ns2,9,D\n");

        Assert.Equal([2, 1, 3, 0], file.Recommendations[0]);
    }

    [Fact]
    public void CasesKeepTheirOrderWhateverTheFileOrder()
    {
        var file = Read("SessionId,Rank,ItemId\ns4,1,A\ns3,1,B\ns4,2,C\ns2,1,D\n");

        Assert.Equal([2, 3, 4], file.Cases.Select(c => c.Session));
        Assert.Equal([[3], [1], [0, 2]], file.Recommendations);
    }

    [Fact]
    public void SessionsMissingFromTheFileAreSkippedAndCounted()
    {
        var file = Read("SessionId,Rank,ItemId\ns2,1,A\ns4,1,B\n");

        Assert.Equal([Dataset.Test[0], Dataset.Test[2]], file.Cases);
        Assert.Equal([[0], [1]], file.Recommendations);
        Assert.Equal(1, file.CasesWithoutRecommendations);
    }

    [Fact]
    public void SessionsThatAreNotCasesAreCountedOnce()
    {
        // s0 is a train session and zz is unknown; each is counted once however many rows it has.
        var file = Read("SessionId,Rank,ItemId\ns0,1,A\ns0,2,B\nzz,1,C\ns2,1,A\ns3,1,A\ns4,1,A\n");

        Assert.Equal(2, file.SessionsNotInCases);
        Assert.Equal(3, file.Cases.Count);
        Assert.Equal(0, file.CasesWithoutRecommendations);
    }

    [Fact]
    public void UnknownItemsAreCountedAndGetIndexesBeyondTheCatalog()
    {
        var file = Read("SessionId,Rank,ItemId\ns2,1,X\ns2,2,A\ns2,3,Y\ns3,1,Y\ns3,2,X\ns4,1,E\n");

        Assert.Equal(2, file.UnknownItems);
        Assert.Equal([5, 0, 6], file.Recommendations[0]);
        Assert.Equal([6, 5], file.Recommendations[1]);
        Assert.Equal([4], file.Recommendations[2]);
    }

    [Fact]
    public void UnknownItemsCountForCoverageAndAddNothingToNovelty()
    {
        var file = Read("SessionId,Rank,ItemId\ns2,1,X\ns3,1,X\ns4,1,X\n");
        var context = MetricContext.For(Dataset);

        var result = new Evaluator(context, [1]).Score(file.Cases, file.Recommendations);

        Assert.Equal(0.0, result["Novelty@1"]);
        Assert.Equal(1.0 / context.CatalogSize, result["CatalogCoverage@1"], 1e-12);
    }

    [Fact]
    public void IdsAreTrimmedAndColumnsFoundByName()
    {
        var file = Read("ItemId,SessionId,Rank\n C ,s2 ,1\n\"B\",\"s2\",2\n");

        Assert.Equal([[2, 1]], file.Recommendations);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("")]
    public void BadRankIsAnErrorWithTheLineNumber(string rank)
    {
        var path = _temp.Write("recs.csv", $"SessionId,Rank,ItemId\ns2,1,A\n\ns2,{rank},B\n");

        var e = Assert.Throws<DatasetFormatException>(() => RecommendationFile.Read(path, Dataset, Dataset.Test));

        Assert.Equal(4, e.Line);
        Assert.Equal("Rank", e.Field);
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void BadRankInASessionThatIsNotACaseIsStillAnError()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Read("SessionId,Rank,ItemId\nzz,first,A\n"));

        Assert.Equal(2, e.Line);
    }

    [Theory]
    [InlineData("Session,Rank,ItemId", "SessionId")]
    [InlineData("SessionId,Position,ItemId", "Rank")]
    [InlineData("SessionId,Rank", "ItemId")]
    public void MissingColumnIsAnErrorNamingIt(string header, string missing)
    {
        var e = Assert.Throws<DatasetFormatException>(() => Read(header + "\ns2,1,A\n"));

        Assert.Equal(missing, e.Field);
        Assert.Equal(1, e.Line);
        Assert.Contains(header.Replace(",", ", ", StringComparison.Ordinal), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongFieldCountIsAnErrorWithTheLineNumber()
    {
        var e = Assert.Throws<DatasetFormatException>(() => Read("SessionId,Rank,ItemId\ns2,1,A\ns2,2\n"));

        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void EmptyFileIsAnError() =>
        Assert.Throws<DatasetFormatException>(() => Read(""));

    [Fact]
    public void MissingFileIsAnError() =>
        Assert.Throws<DatasetFormatException>(() => RecommendationFile.Read(_temp["none.csv"], Dataset, Dataset.Test));

    [Fact]
    public void ExternalIdsAreMappedThroughAnIngestedCatalogAndScoredByHand()
    {
        // The catalog order 30, 10, 20 gives the dense indexes 0, 1, 2. Sessions u1, u2 are train (test fraction
        // 0.5); u3 (prompt 10 20, truth 30) and u4 (prompt 30, truth 10) are the cases. Every item has count 3.
        _temp.Write("data/items.csv", "ItemId,Title\n30,Thirty\n10,Ten\n20,Twenty\n");
        _temp.Write("data/interactions.csv",
            "SessionId,ItemId,Timestamp\nu1,10,1\nu1,20,2\nu2,20,3\nu2,30,4\nu3,10,5\nu3,20,6\nu3,30,7\nu4,30,8\nu4,10,9\n");
        var dataset = DatasetLoader.Load(_temp["data"], new IngestionOptions(KCore: 0, TestFraction: 0.5m, FoldCount: 0));
        var path = _temp.Write("ingested-recs.csv", "SessionId,Rank,ItemId\nu4,2,10\nu3,1,30\nu4,1,20\nu3,2,10\n");

        var file = RecommendationFile.Read(path, dataset, dataset.Test);
        var result = new Evaluator(MetricContext.For(dataset), [1, 2]).Score(file.Cases, file.Recommendations);

        Assert.Equal([[1, 2], [0]], file.Cases.Select(c => c.Prompt));
        Assert.Equal([[0], [1]], file.Cases.Select(c => c.GroundTruth));
        Assert.Equal([[0, 1], [2, 1]], file.Recommendations);

        // @1: u3 [30] hit at 1, u4 [20] miss. Expected set {30} (a tie, lowest index): serendipity 0.
        Assert.Equal(0.5, result["NDCG@1"], 1e-12);
        Assert.Equal(0.5, result["HitRate@1"], 1e-12);
        Assert.Equal(0.5, result["MRR@1"], 1e-12);
        Assert.Equal(2.0 / 3, result["CatalogCoverage@1"], 1e-12);
        Assert.Equal(0.0, result["Serendipity@1"]);
        Assert.Equal(Math.Log(3, 2), result["Novelty@1"], 1e-12);

        // @2: u3 [30,10] hit at 1, u4 [20,10] hit at 2. Expected set {30, 10}: serendipity 0.
        Assert.Equal((1 + (1 / Math.Log(3, 2))) / 2, result["NDCG@2"], 1e-12);
        Assert.Equal(1.0, result["HitRate@2"], 1e-12);
        Assert.Equal(0.75, result["MRR@2"], 1e-12);
        Assert.Equal(1.0, result["CatalogCoverage@2"], 1e-12);
        Assert.Equal(0.0, result["Serendipity@2"]);
    }
}
