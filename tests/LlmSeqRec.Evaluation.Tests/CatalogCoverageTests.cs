using LlmSeqRec.Evaluation.Metrics;

namespace LlmSeqRec.Evaluation.Tests;

public class CatalogCoverageTests
{
    private const double Tolerance = 1e-12;

    // 8 items, of which 6 have a count: the denominator is 6.
    private static readonly MetricContext Context = new([4, 0, 3, 2, 1, 1, 0, 5]);

    [Fact]
    public void NameIsCatalogCoverage() => Assert.Equal("CatalogCoverage", CatalogCoverage.Name);

    [Fact]
    public void IsTheUnionOfAllSlatesOverTheItemsWithACount()
    {
        var coverage = new CatalogCoverage();
        coverage.Add(Slate.Create([0, 2, 3], [0], 3));
        coverage.Add(Slate.Create([2, 3, 4], [0], 3));
        coverage.Add(Slate.Create([0, 7, 2], [0], 3));

        // Union {0, 2, 3, 4, 7} = 5 of 6.
        Assert.Equal(5.0 / 6, coverage.Value(Context), Tolerance);
    }

    [Fact]
    public void OnlyTheTopKOfEachListIsCovered()
    {
        var coverage = new CatalogCoverage();
        coverage.Add(Slate.Create([0, 2, 3, 4, 5], [0], 2));
        coverage.Add(Slate.Create([0, 7, 3], [0], 2));

        // {0, 2} ∪ {0, 7} = 3 of 6.
        Assert.Equal(3.0 / 6, coverage.Value(Context), Tolerance);
    }

    [Fact]
    public void DuplicatesWithinAndAcrossSlatesCountOnce()
    {
        var coverage = new CatalogCoverage();
        coverage.Add(Slate.Create([3, 3, 3], [0], 3));
        coverage.Add(Slate.Create([3], [0], 3));

        Assert.Equal(1.0 / 6, coverage.Value(Context), Tolerance);
    }

    [Fact]
    public void NoSlatesIsZero() => Assert.Equal(0.0, new CatalogCoverage().Value(Context));

    [Fact]
    public void DenominatorIsTheNumberOfItemsWithACount() => Assert.Equal(6, Context.CatalogSize);
}
