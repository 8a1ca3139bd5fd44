using LlmSeqRec.Embeddings.Reduction;

namespace LlmSeqRec.Embeddings.Tests.Reduction;

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
