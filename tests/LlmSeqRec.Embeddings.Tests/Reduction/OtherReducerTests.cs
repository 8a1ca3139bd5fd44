using LlmSeqRec.Data;
using LlmSeqRec.Embeddings.Reduction;

namespace LlmSeqRec.Embeddings.Tests.Reduction;

public sealed class RandomProjectionTests
{
    [Fact]
    public void Seeded_projection_is_repeatable_and_roughly_preserves_norms()
    {
        var x = EmbeddingReduction.NormalizeRows(TensorRows.From(TensorRows.Gaussian(400, 512, seed: 3)));

        var a = TensorRows.To(new GaussianRandomProjection(256, seed: 1).FitTransform(x));
        var b = TensorRows.To(new GaussianRandomProjection(256, seed: 1).FitTransform(x));
        var c = TensorRows.To(new GaussianRandomProjection(256, seed: 2).FitTransform(x));

        Assert.Equal(a, b);
        Assert.NotEqual(a[0, 0], c[0, 0]);
        // Entries N(0, 1/d): E‖Rx‖² = ‖x‖² = 1 for unit rows.
        var meanSquaredNorm = Enumerable.Range(0, 400).Average(i => Enumerable.Range(0, 256).Sum(j => (double)a[i, j] * a[i, j]));
        Assert.InRange(meanSquaredNorm, 0.95, 1.05);
    }
}

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

public sealed class LinearAutoencoderReducerTests
{
    [Fact]
    public void Encoder_widths_follow_the_papers_doubling_rule() =>
        Assert.Equal([1536, 1024, 512, 256, 128, 64], LinearAutoencoderReducer.EncoderWidths(1536, 64));

    [Fact]
    public void Training_lowers_the_reconstruction_error_and_is_seeded()
    {
        // Rank-4 data in 32 dimensions: a linear code of 4 can reconstruct it.
        var basis = TensorRows.Gaussian(4, 32, seed: 1);
        var codes = TensorRows.Gaussian(512, 4, seed: 2);
        var rows = new double[512, 32];
        for (var i = 0; i < 512; i++)
        {
            for (var j = 0; j < 32; j++)
            {
                for (var c = 0; c < 4; c++)
                {
                    rows[i, j] += codes[i, c] * basis[c, j] / 4;
                }
            }
        }

        var x = TensorRows.From(rows);
        var a = new LinearAutoencoderReducer(4, seed: 1, epochs: 20, batchSize: 32);
        var za = TensorRows.To(a.FitTransform(x));
        var zb = TensorRows.To(new LinearAutoencoderReducer(4, seed: 1, epochs: 20, batchSize: 32).FitTransform(x));

        Assert.Equal(za, zb);
        Assert.Equal(20, a.EpochLosses.Count);
        Assert.True(a.EpochLosses[^1] < 0.2 * a.EpochLosses[0], $"loss {a.EpochLosses[0]:G3} -> {a.EpochLosses[^1]:G3}");
        Assert.Equal(4, za.GetLength(1));
    }
}

public sealed class EmbeddingReductionTests
{
    [Fact]
    public void Normalised_rows_are_unit_length_and_zero_rows_stay_zero()
    {
        var rows = TensorRows.To(EmbeddingReduction.NormalizeRows(TensorRows.From(new double[,] { { 3, 4 }, { 0, 0 }, { -1, 0 } })));

        Assert.Equal(new float[,] { { 0.6f, 0.8f }, { 0, 0 }, { -1, 0 } }, rows);
    }

    [Fact]
    public void Apply_names_the_reduction_in_the_model_and_keeps_ids()
    {
        var values = TensorRows.Gaussian(20, 8, seed: 4);
        var flat = new float[160];
        Buffer.BlockCopy(Array.ConvertAll(values.Cast<double>().ToArray(), v => (float)v), 0, flat, 0, 160 * sizeof(float));
        var ids = Enumerable.Range(0, 20).Select(i => $"i{i}").ToArray();
        var matrix = new EmbeddingMatrix(new EmbeddingModelId("local-onnx", "mini", 8), ids, flat, zeroRows: 0);

        var reduced = EmbeddingReduction.Apply(matrix, new ReductionConfig(ReductionMethod.Pca, 3));

        Assert.Equal(new EmbeddingModelId("local-onnx", "mini+pca3+l2", 3), reduced.Model);
        Assert.Equal(ids, reduced.ItemIds);
        for (var r = 0; r < 20; r++)
        {
            Assert.Equal(1.0, Math.Sqrt(reduced.Row(r).ToArray().Sum(v => (double)v * v)), 5);
        }

        Assert.Throws<ArgumentNullException>(() => EmbeddingReduction.Apply(matrix, new ReductionConfig(ReductionMethod.Lda, 3)));
    }
}
