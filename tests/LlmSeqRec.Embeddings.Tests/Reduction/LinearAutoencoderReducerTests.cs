using LlmSeqRec.Embeddings.Reduction;

namespace LlmSeqRec.Embeddings.Tests.Reduction;

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
