using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// GRU4Rec as the papers implement it (Keras): item embeddings (no positional embedding) → dropout → GRU over the
/// window → dropout → output head Dense(emb, ReLU) → product with the item-embedding table (weight tying, mask row
/// excluded) + bias. Keras initial values: uniform ±0.05 embeddings, Glorot-uniform input kernels, orthogonal
/// recurrent kernels, zero biases (the torch GRU equals Keras' reset_after=True cell). Only positions with a target go
/// through the head.
/// </summary>
public sealed class Gru4RecModule : SequenceModule
{
    private readonly Parameter itemEmbeddings;
    private readonly MersenneDropout embeddingDropout;
    private readonly GRU gru;
    private readonly MersenneDropout outputDropout;
    private readonly Linear headDense;
    private readonly Parameter headBias;
    private readonly int _hiddenDim;

    /// <param name="itemCount">Vocabulary size n (the table gets n + 1 rows).</param>
    /// <param name="config">Architecture settings.</param>
    public Gru4RecModule(int itemCount, Gru4RecConfig config)
        : base(nameof(Gru4RecModule))
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        _hiddenDim = config.HiddenDim;
        itemEmbeddings = new Parameter(empty(itemCount + 1, config.EmbeddingDim));
        embeddingDropout = new MersenneDropout(config.Dropout);
        gru = nn.GRU(config.EmbeddingDim, config.HiddenDim, batchFirst: true);
        outputDropout = new MersenneDropout(config.Dropout);
        headDense = nn.Linear(config.HiddenDim, config.EmbeddingDim);
        headBias = new Parameter(zeros(itemCount));
        RegisterComponents();

        KerasInitializers.Uniform(itemEmbeddings, KerasInitializers.EmbeddingLimit);
        InitializeGru(gru, config.EmbeddingDim, config.HiddenDim);
        KerasInitializers.Dense(headDense);
    }

    /// <inheritdoc />
    public override Parameter ItemEmbeddings => itemEmbeddings;

    /// <summary>GRU outputs after dropout: batch × N × hidden.</summary>
    public Tensor Hidden(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (batch, length) = (inputs.shape[0], inputs.shape[1]);
        var x = itemEmbeddings.index_select(0, inputs.reshape(-1)).view(batch, length, -1);
        var (output, _) = gru.call(embeddingDropout.call(x), null);
        return outputDropout.call(output);
    }

    /// <inheritdoc />
    public override Parameter OutputBias => headBias;

    /// <inheritdoc />
    protected override Tensor HeadFeatures(Tensor inputs, Tensor positions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Features(Hidden(inputs).reshape(-1, _hiddenDim).index_select(0, positions));
    }

    /// <inheritdoc />
    public override Tensor ScoreNext(Tensor inputs)
    {
        var hidden = Hidden(inputs);
        return Scores(Features(hidden.select(1, hidden.shape[1] - 1)));
    }

    private Tensor Features(Tensor hidden) => nn.functional.relu(headDense.call(hidden));

    /// <summary>Keras GRU defaults: Glorot-uniform input kernel (fans input and 3·units), orthogonal recurrent kernel, zero biases.</summary>
    private static void InitializeGru(GRU layer, int inputs, int units)
    {
        using var _ = no_grad();
        foreach (var (name, parameter) in layer.named_parameters())
        {
            if (name.StartsWith("weight_ih", StringComparison.Ordinal))
            {
                KerasInitializers.Uniform(parameter, Math.Sqrt(6.0 / (inputs + (3.0 * units))));
            }
            else if (name.StartsWith("weight_hh", StringComparison.Ordinal))
            {
                nn.init.orthogonal_(parameter);
            }
            else
            {
                nn.init.zeros_(parameter);
            }
        }
    }
}
