using TorchSharp;

namespace LlmSeqRec.Embeddings.Tests.Reduction;

/// <summary>Small conversions between row arrays and tensors for the reducer tests.</summary>
internal static class TensorRows
{
    public static torch.Tensor From(double[,] rows)
    {
        var (n, d) = (rows.GetLength(0), rows.GetLength(1));
        var flat = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                flat[(i * d) + j] = (float)rows[i, j];
            }
        }

        return torch.tensor(flat, [n, d]);
    }

    public static float[,] To(torch.Tensor t)
    {
        var (n, d) = ((int)t.shape[0], (int)t.shape[1]);
        var flat = t.contiguous().data<float>().ToArray();
        var result = new float[n, d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                result[i, j] = flat[(i * d) + j];
            }
        }

        return result;
    }

    /// <summary>Seeded Gaussian rows (Box–Muller), so tests do not depend on torch's generator.</summary>
    public static double[,] Gaussian(int n, int d, int seed, Func<int, int, double>? scale = null)
    {
        var random = new Random(seed);
        var rows = new double[n, d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                rows[i, j] = g * (scale?.Invoke(i, j) ?? 1);
            }
        }

        return rows;
    }
}
