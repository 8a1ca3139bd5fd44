using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// The Keras initial values the papers' models get: GlorotUniform kernels with zero biases, and Keras' default
/// Embedding initialiser (uniform in ±0.05). Draws come from libtorch's default generator (seed it first).
/// </summary>
public static class KerasInitializers
{
    /// <summary>Keras' default Embedding initialiser: uniform in [-0.05, 0.05].</summary>
    public const double EmbeddingLimit = 0.05;

    /// <summary>A Dense layer: GlorotUniform kernel (limit √(6 / (fan_in + fan_out))), zero bias.</summary>
    public static void Dense(Linear layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var (outputs, inputs) = (layer.weight!.shape[0], layer.weight.shape[1]);
        Uniform(layer.weight, GlorotLimit(inputs, outputs));
        ZeroBias(layer);
    }

    /// <summary>
    /// A Keras MultiHeadAttention projection as a Linear layer, with the fans Keras computes for its 3-d
    /// EinsumDense kernel: for the query/key/value kernel (d, h, k) fan_in = h·d and fan_out = k·d; for the output
    /// kernel (h, k, d) fan_in = h·k and fan_out = h·d (Keras multiplies both fans by the product of the leading
    /// dimensions). With one head of 320 that gives a much smaller query/key/value limit than a plain 320×320 kernel.
    /// </summary>
    /// <param name="layer">The projection.</param>
    /// <param name="heads">h.</param>
    /// <param name="output">True for the output projection (h·k → d), false for query, key and value (d → h·k).</param>
    public static void Attention(Linear layer, int heads, bool output)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var (outputs, inputs) = (layer.weight!.shape[0], layer.weight.shape[1]);
        var (fanIn, fanOut) = output
            ? (inputs, heads * outputs)                        // kernel (h, k, d): receptive field h
            : (heads * inputs, outputs / heads * inputs);      // kernel (d, h, k): receptive field d
        Uniform(layer.weight, GlorotLimit(fanIn, fanOut));
        ZeroBias(layer);
    }

    /// <summary>Fills <paramref name="tensor"/> uniformly in [-limit, limit] (without recording gradients).</summary>
    public static void Uniform(Tensor tensor, double limit)
    {
        using var _ = no_grad();
        nn.init.uniform_(tensor, -limit, limit);
    }

    private static double GlorotLimit(long fanIn, long fanOut) => Math.Sqrt(6.0 / (fanIn + fanOut));

    private static void ZeroBias(Linear layer)
    {
        if (layer.bias is { } bias)
        {
            using var _ = no_grad();
            nn.init.zeros_(bias);
        }
    }
}
