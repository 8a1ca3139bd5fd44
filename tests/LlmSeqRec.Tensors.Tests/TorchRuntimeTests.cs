using TorchSharp;

namespace LlmSeqRec.Tensors.Tests;

[Collection(TorchProcessState.Name)]
public sealed class TorchRuntimeTests
{
    [Fact]
    public void Natives_load()
    {
        TorchRuntime.EnsureLoaded();
        TorchRuntime.EnsureLoaded();
    }

    [Fact]
    public void Matmul_of_a_small_pair_gives_the_textbook_product()
    {
        TorchRuntime.EnsureLoaded();
        using var a = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        using var b = torch.tensor(new float[] { 7, 8, 9, 10, 11, 12 }, 3, 2);

        using var product = torch.matmul(a, b);

        Assert.Equal(new long[] { 2, 2 }, product.shape);
        Assert.Equal(new float[] { 58, 64, 139, 154 }, product.data<float>().ToArray());
    }

    [Fact]
    public void Matmul_matches_a_plain_triple_loop()
    {
        TorchRuntime.EnsureLoaded();
        const int rows = 37, inner = 53, cols = 29;
        var random = new Random(1);
        var left = Enumerable.Range(0, rows * inner).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var right = Enumerable.Range(0, inner * cols).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

        using var a = torch.tensor(left, rows, inner);
        using var b = torch.tensor(right, inner, cols);
        using var product = a.matmul(b);
        var actual = product.data<float>().ToArray();

        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                double expected = 0;
                for (var k = 0; k < inner; k++)
                {
                    expected += (double)left[i * inner + k] * right[k * cols + j];
                }

                Assert.Equal(expected, actual[i * cols + j], 1e-4);
            }
        }
    }

    [Fact]
    public void Thread_count_is_set_and_read_back()
    {
        var before = TorchRuntime.Threads;
        try
        {
            TorchRuntime.SetThreads(1);
            Assert.Equal(1, TorchRuntime.Threads);
        }
        finally
        {
            TorchRuntime.SetThreads(before);
        }
    }

    [Fact]
    public void Thread_count_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.SetThreads(0));
    }
}
