using LlmSeqRec.Embeddings.Reduction;
using MathNet.Numerics.LinearAlgebra;

namespace LlmSeqRec.Embeddings.Tests.Reduction;

public sealed class PcaReducerTests
{
    [Fact]
    public void Hand_checked_cross_keeps_the_long_axis()
    {
        // Points (±2, 0) and (0, ±1): mean 0, covariance diag(8/3, 2/3) with n − 1 = 3.
        var x = TensorRows.From(new double[,] { { 2, 0 }, { -2, 0 }, { 0, 1 }, { 0, -1 } });
        var pca = new PcaReducer(1);

        var z = TensorRows.To(pca.FitTransform(x));

        Assert.Equal(8.0 / 3, pca.ExplainedVariance[0], 6);
        Assert.Equal(0.8, pca.ExplainedVarianceRatio[0], 6);
        Assert.Equal([2f, -2f, 0f, 0f], [z[0, 0], z[1, 0], z[2, 0], z[3, 0]]);
    }

    [Fact]
    public void Matches_an_independent_eigen_decomposition_and_its_reconstruction_error()
    {
        // Anisotropic data: column j has standard deviation j + 1, then a fixed rotation mixes the columns.
        const int n = 80, d = 6, k = 3;
        var raw = Matrix<double>.Build.DenseOfArray(TensorRows.Gaussian(n, d, seed: 7, (_, j) => j + 1));
        var rotation = Matrix<double>.Build.Random(d, d, 11).QR().Q;
        var data = raw * rotation + 5;
        var pca = new PcaReducer(k);

        var z = Matrix<double>.Build.DenseOfArray(ToDouble(TensorRows.To(pca.FitTransform(TensorRows.From(data.ToArray())))));

        // Reference: MathNet's symmetric eigen-decomposition of the sample covariance.
        var centred = data - Matrix<double>.Build.Dense(n, d, (_, j) => data.Column(j).Average());
        var covariance = centred.TransposeThisAndMultiply(centred) / (n - 1);
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var eigenvalues = evd.EigenValues.Select(v => v.Real).OrderDescending().ToArray();
        for (var c = 0; c < k; c++)
        {
            Assert.Equal(eigenvalues[c], pca.ExplainedVariance[c], 3);
            Assert.Equal(eigenvalues[c] / eigenvalues.Sum(), pca.ExplainedVarianceRatio[c], 5);
        }

        // The projections equal the centred data times the reference axes, up to each axis's sign.
        var order = Enumerable.Range(0, d).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        for (var c = 0; c < k; c++)
        {
            var reference = centred * evd.EigenVectors.Column(order[c]);
            var sign = Math.Sign(reference.DotProduct(z.Column(c)));
            Assert.True((reference * sign - z.Column(c)).InfinityNorm() < 1e-3, $"component {c} differs");
        }

        // Reconstructing from k components loses exactly the variance of the other eigenvalues.
        var loadings = z.TransposeThisAndMultiply(z).Inverse() * z.TransposeThisAndMultiply(centred);
        var residual = (centred - (z * loadings)).FrobeniusNorm();
        Assert.Equal(Math.Sqrt(eigenvalues.Skip(k).Sum() * (n - 1)), residual, 2);
    }

    [Fact]
    public void Too_many_components_are_refused() =>
        Assert.Throws<ArgumentException>(() => new PcaReducer(3).FitTransform(TensorRows.From(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 7 } })));

    private static double[,] ToDouble(float[,] values)
    {
        var result = new double[values.GetLength(0), values.GetLength(1)];
        for (var i = 0; i < values.GetLength(0); i++)
        {
            for (var j = 0; j < values.GetLength(1); j++)
            {
                result[i, j] = values[i, j];
            }
        }

        return result;
    }
}
