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
