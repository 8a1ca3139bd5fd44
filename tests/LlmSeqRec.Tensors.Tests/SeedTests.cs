using TorchSharp;

namespace LlmSeqRec.Tensors.Tests;

[Collection(TorchProcessState.Name)]
public sealed class SeedTests
{
    [Fact]
    public void Same_seed_gives_bit_identical_draws_initial_weights_and_dropout()
    {
        var first = Draw(1234);
        var second = Draw(1234);
        var other = Draw(1235);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    // Random normals, a freshly initialised linear layer's output and a dropout mask, flattened.
    private static float[] Draw(long seed)
    {
        TorchRuntime.Seed(seed);
        using var noise = torch.randn(64);
        using var layer = torch.nn.Linear(8, 4);
        using var input = torch.ones(2, 8);
        using var output = layer.forward(input);
        using var dropout = torch.nn.Dropout(0.5);
        dropout.train();
        using var ones = torch.ones(64);
        using var dropped = dropout.forward(ones);
        return [.. noise.data<float>().ToArray(), .. output.data<float>().ToArray(), .. dropped.data<float>().ToArray()];
    }
}
