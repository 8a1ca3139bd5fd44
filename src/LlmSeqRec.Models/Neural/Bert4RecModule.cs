using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// BERT4Rec as the papers implement it: item + learned positional embeddings (summed), L post-LN bidirectional
/// transformer layers (<see cref="Bert4RecBlock"/>), output head Dense(emb, GELU) → product with the item-embedding
/// table (weight tying, mask row excluded) + bias. Trained on cloze examples (<see cref="ClozeExamples"/>); the loss
/// is taken only at masked positions. To predict, the window is shifted left by one and the mask token appended,
/// and the last position is scored.
/// </summary>
public sealed class Bert4RecModule : SequenceModule
{
    private readonly Parameter itemEmbeddings;
    private readonly Parameter positionEmbeddings;
    private readonly ModuleList<Bert4RecBlock> blocks;
    private readonly Linear headDense;
    private readonly Parameter headBias;
    private readonly int _embeddingDim;
    private readonly ClozeExamples _examples;

    /// <param name="itemCount">Vocabulary size n (the table gets n + 1 rows; row n is the mask token).</param>
    /// <param name="config">Architecture and masking settings.</param>
    public Bert4RecModule(int itemCount, Bert4RecConfig config)
        : base(nameof(Bert4RecModule))
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        _embeddingDim = config.EmbeddingDim;
        _examples = new ClozeExamples(config.MaskProbability, config.RandomMaskedCopies);
        itemEmbeddings = new Parameter(empty(itemCount + 1, config.EmbeddingDim));
        positionEmbeddings = new Parameter(empty(config.MaxLength, config.EmbeddingDim));
        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers)
            .Select(_ => new Bert4RecBlock(config.EmbeddingDim, config.Heads, config.Dropout)).ToArray());
        headDense = nn.Linear(config.EmbeddingDim, config.EmbeddingDim);
        headBias = new Parameter(zeros(itemCount));
        RegisterComponents();

        KerasInitializers.Uniform(itemEmbeddings, KerasInitializers.EmbeddingLimit);
        KerasInitializers.Uniform(positionEmbeddings, KerasInitializers.EmbeddingLimit);
        KerasInitializers.Dense(headDense);
    }

    /// <inheritdoc />
    public override Parameter ItemEmbeddings => itemEmbeddings;

    /// <inheritdoc />
    public override ITrainingExamples TrainingExamples => _examples;

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
        return TransformerLayers.RunAt(x, blocks, positions);
    }

    /// <inheritdoc />
    public override Parameter OutputBias => headBias;

    /// <inheritdoc />
    protected override Tensor HeadFeatures(Tensor inputs, Tensor positions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Features(HiddenAt(inputs, positions));
    }

    /// <inheritdoc />
    public override Tensor ScoreNext(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var length = inputs.shape[1];
        var mask = full([inputs.shape[0], 1], (long)ItemCount, dtype: int64, device: inputs.device);
        var shifted = cat([inputs.narrow(1, 1, length - 1), mask], 1);
        using var last = arange(inputs.shape[0], dtype: int64, device: inputs.device).mul_(length).add_(length - 1);
        return Scores(Features(HiddenAt(shifted, last)));
    }

    private Tensor Features(Tensor hidden) => nn.functional.gelu(headDense.call(hidden));
}
