using TorchSharp;
using static TorchSharp.torch;

namespace LlmSeqRec.Embeddings.Reduction;

/// <summary>
/// The papers' linear autoencoder (their Keras SideEncoder): Dense layers with no activation. Encoder widths start
/// at 2·d and double while they fit in the input dimension, used widest first, then d (1536 → 1024 → 512 → 256 → 128
/// → 64 for d = 64); the decoder mirrors them back. Glorot-uniform weights and zero biases (Keras defaults), MSE loss,
/// Adam (lr 1e-3, epsilon 1e-7), shuffled mini-batches; seeded. The reduced rows are the encoder's output.
/// </summary>
/// <param name="components">Code size d.</param>
/// <param name="seed">Seed of the initialisation and the shuffling.</param>
/// <param name="epochs">Passes over the catalog (the papers: 3).</param>
/// <param name="batchSize">Rows per step (the papers: 512).</param>
public sealed class LinearAutoencoderReducer(int components, int seed, int epochs = 3, int batchSize = 512) : IDimensionReducer
{
    /// <inheritdoc />
    public string Name => $"autoencoder{components}";

    /// <summary>Mean squared reconstruction error after each epoch (fitted).</summary>
    public IReadOnlyList<double> EpochLosses { get; private set; } = [];

    /// <summary>The encoder's layer widths from input to code, e.g. [1536, 1024, 512, 256, 128, 64].</summary>
    public static IReadOnlyList<int> EncoderWidths(int input, int components)
    {
        var hidden = new List<int>();
        for (var width = 2 * components; width <= input; width *= 2)
        {
            hidden.Add(width);
        }

        hidden.Reverse();
        return [input, .. hidden, components];
    }

    /// <inheritdoc />
    public Tensor FitTransform(Tensor items)
    {
        var (rows, input) = (items.shape[0], (int)items.shape[1]);
        if (components < 1 || components > input)
        {
            throw new ArgumentException($"autoencoder code size {components} must be in 1..{input}");
        }

        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var widths = EncoderWidths(input, components);
        var encoder = Stack("encoder", widths, generator);
        var decoder = Stack("decoder", widths.Reverse().ToArray(), generator);
        using var optimizer = optim.Adam(encoder.parameters().Concat(decoder.parameters()), lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-7);

        var x = items.to(float32);
        var losses = new List<double>();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var order = randperm(rows, generator: generator);
            double sum = 0;
            for (long start = 0; start < rows; start += batchSize)
            {
                using var step = NewDisposeScope();
                var batch = x.index_select(0, order.narrow(0, start, Math.Min(batchSize, rows - start)));
                optimizer.zero_grad();
                var loss = nn.functional.mse_loss(decoder.forward(encoder.forward(batch)), batch);
                loss.backward();
                optimizer.step();
                sum += loss.item<float>() * batch.shape[0];
            }

            losses.Add(sum / rows);
        }

        EpochLosses = losses;
        using (no_grad())
        {
            return encoder.forward(x).detach().MoveToOuterDisposeScope();
        }
    }

    /// <summary>Linear layers between consecutive widths, Glorot-uniform weights and zero biases (Keras defaults).</summary>
    private static nn.Module<Tensor, Tensor> Stack(string name, IReadOnlyList<int> widths, Generator generator)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        using var noGrad = no_grad();
        for (var i = 0; i + 1 < widths.Count; i++)
        {
            var layer = nn.Linear(widths[i], widths[i + 1]);
            var limit = Math.Sqrt(6.0 / (widths[i] + widths[i + 1]));
            layer.weight.copy_((rand(layer.weight.shape, generator: generator) * 2 - 1) * limit);
            nn.init.zeros_(layer.bias);
            layers.Add(($"{name}{i}", layer));
        }

        return nn.Sequential(layers);
    }
}
