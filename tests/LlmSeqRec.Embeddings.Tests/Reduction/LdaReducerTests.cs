using LlmSeqRec.Data;
using LlmSeqRec.Embeddings.Reduction;

namespace LlmSeqRec.Embeddings.Tests.Reduction;

public sealed class LdaReducerTests
{
    [Fact]
    public void Two_classes_apart_on_one_axis_are_separated_with_unit_within_class_variance()
    {
        // Class 0 around x0 = −5, class 1 around x0 = +5, noise elsewhere.
        var rows = TensorRows.Gaussian(100, 5, seed: 5);
        var labels = new int[100];
        for (var i = 0; i < 100; i++)
        {
            labels[i] = i % 2;
            rows[i, 0] += labels[i] == 0 ? -5 : 5;
        }

        var lda = new LdaReducer(3, labels);
        var z = TensorRows.To(lda.FitTransform(TensorRows.From(rows)));

        Assert.Equal(1, lda.OutputDimensions);
        var zero = Enumerable.Range(0, 100).Where(i => labels[i] == 0).Select(i => (double)z[i, 0]).ToArray();
        var one = Enumerable.Range(0, 100).Where(i => labels[i] == 1).Select(i => (double)z[i, 0]).ToArray();
        Assert.True(zero.Max() < one.Min() || one.Max() < zero.Min(), "classes overlap");
        // sklearn's svd solver whitens the pooled within-class scatter (divided by n − classes).
        var within = (zero.Sum(v => Math.Pow(v - zero.Average(), 2)) + one.Sum(v => Math.Pow(v - one.Average(), 2))) / (100 - 2);
        Assert.Equal(1.0, within, 3);
    }

    [Fact]
    public void Output_is_capped_at_classes_minus_one()
    {
        var rows = TensorRows.Gaussian(90, 6, seed: 9);
        var labels = Enumerable.Range(0, 90).Select(i => i % 3).ToArray();

        var lda = new LdaReducer(5, labels);
        var z = lda.FitTransform(TensorRows.From(rows));

        Assert.Equal(2, lda.OutputDimensions);
        Assert.Equal([90L, 2L], z.shape);
    }

    [Fact]
    public void Labels_come_from_a_catalog_attribute_and_their_absence_is_a_clear_error()
    {
        var attributes = new[] { new Dictionary<string, string> { ["categories"] = "Nails" }, new Dictionary<string, string>(), new Dictionary<string, string> { ["categories"] = "Nails" } };
        var catalog = new Catalog(["a", "b", "c"], ["A", "B", "C"], attributes);

        Assert.Equal([0, 1, 0], EmbeddingReduction.ClassLabels(catalog, "categories"));
        var e = Assert.Throws<ArgumentException>(() => EmbeddingReduction.ClassLabels(catalog, "class"));
        Assert.Contains("'class'", e.Message);
    }
}
