using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// SASRec as the papers implement it: item + learned positional embeddings (summed, then dropout), L pre-LN causal
/// transformer layers, and an output head Dense(emb, ReLU) → product with the item-embedding table (weight tying,
/// mask row excluded) + bias. Only the positions that have a target go through the head.
/// </summary>
public sealed class SasRecModule : SequenceModule
{
    private readonly Parameter itemEmbeddings;
    private readonly Parameter positionEmbeddings;
    private readonly MersenneDropout embeddingDropout;
    private readonly ModuleList<SasRecBlock> blocks;
    private readonly Linear headDense;
    private readonly Parameter headBias;
    private readonly int _embeddingDim;

    /// <param name="itemCount">Vocabulary size n (the table gets n + 1 rows).</param>
    /// <param name="config">Architecture settings.</param>
    public SasRecModule(int itemCount, SasRecConfig config)
        : base(nameof(SasRecModule))
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        _embeddingDim = config.EmbeddingDim;
        itemEmbeddings = new Parameter(empty(itemCount + 1, config.EmbeddingDim));
        positionEmbeddings = new Parameter(empty(config.MaxLength, config.EmbeddingDim));
        embeddingDropout = new MersenneDropout(config.Dropout);
        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers)
            .Select(_ => new SasRecBlock(config.EmbeddingDim, config.Heads, config.EmbeddingDim, config.Dropout)).ToArray());
        headDense = nn.Linear(config.EmbeddingDim, config.EmbeddingDim);
        headBias = new Parameter(zeros(itemCount));
        RegisterComponents();

        KerasInitializers.Uniform(itemEmbeddings, KerasInitializers.EmbeddingLimit);
        KerasInitializers.Uniform(positionEmbeddings, KerasInitializers.EmbeddingLimit);
        KerasInitializers.Dense(headDense);
    }

    /// <inheritdoc />
    public override Parameter ItemEmbeddings => itemEmbeddings;

    /// <summary>Hidden states: batch × N × emb.</summary>
    public Tensor Hidden(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return HiddenAt(inputs, null).view(inputs.shape[0], inputs.shape[1], _embeddingDim);
    }

    /// <summary>Hidden states at some positions only (flat indexes row · N + position; null for all): positions × emb.</summary>
    public Tensor HiddenAt(Tensor inputs, Tensor? positions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (batch, length) = (inputs.shape[0], inputs.shape[1]);
        var x = itemEmbeddings.index_select(0, inputs.reshape(-1)).view(batch, length, _embeddingDim)
                + positionEmbeddings.narrow(0, positionEmbeddings.shape[0] - length, length);
        return TransformerLayers.RunAt(embeddingDropout.call(x), blocks, positions);
    }

    /// <inheritdoc />
    public override Parameter OutputBias => headBias;

    /// <inheritdoc />
    protected override Tensor HeadFeatures(Tensor inputs, Tensor positions) =>
        nn.functional.relu(headDense.call(HiddenAt(inputs, positions)));

    /// <inheritdoc />
    public override Tensor ScoreNext(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (batch, length) = (inputs.shape[0], inputs.shape[1]);
        using var last = arange(batch, dtype: ScalarType.Int64, device: inputs.device).mul_(length).add_(length - 1);
        return Scores(HeadFeatures(inputs, last));
    }
}
