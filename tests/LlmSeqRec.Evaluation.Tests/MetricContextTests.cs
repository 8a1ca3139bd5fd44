namespace LlmSeqRec.Evaluation.Tests;

public class MetricContextTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void TotalAndCatalogSizeComeFromTheCounts()
    {
        var context = new MetricContext([3, 0, 5, 0, 8]);

        Assert.Equal(16, context.TotalCount);
        Assert.Equal(3, context.CatalogSize);
        Assert.Equal([3, 0, 5, 0, 8], context.ItemCounts);
    }

    [Fact]
    public void ExpectedItemsAreTheKMostFrequentWithTiesByLowerIndex()
    {
        var context = new MetricContext([1, 5, 3, 5, 0, 3]);

        Assert.Equal([1, 3], context.ExpectedItems(2).Order());
        Assert.Equal([1, 2, 3], context.ExpectedItems(3).Order());
        Assert.Equal([1, 2, 3, 5], context.ExpectedItems(4).Order());
    }

    [Fact]
    public void SelfInformationIsMinusLog2OfTheShare()
    {
        var context = new MetricContext([1, 3, 0, 4]);

        Assert.Equal(3.0, context.SelfInformation(0), Tolerance);
        Assert.Equal(1.0, context.SelfInformation(3), Tolerance);
        Assert.Equal(-Math.Log(3.0 / 8, 2), context.SelfInformation(1), Tolerance);
        Assert.Equal(0.0, context.SelfInformation(2));
        Assert.Equal(0.0, context.SelfInformation(4));
        Assert.Equal(0.0, context.SelfInformation(-1));
    }

    [Fact]
    public void ForADatasetCountsTrainAndTestInteractions()
    {
        var dataset = TinyDataset.Build(["a", "b", "c", "d"], [[0, 1], [0, 2], [1, 0, 2], [0, 2]], trainSessionCount: 2);

        var context = MetricContext.For(dataset);

        Assert.Equal([4, 2, 3, 0], context.ItemCounts);
        Assert.Equal(9, context.TotalCount);
        Assert.Equal(3, context.CatalogSize);
    }
}
