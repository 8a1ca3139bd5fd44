using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// BERT4Rec as the papers implement it: item + learned positional embeddings (summed), L post-LN bidirectional
/// transformer layers (<see cref="Bert4RecBlock"/>), output head Dense(emb, GELU) → product with the item-embedding
/// table (weight tying, mask row excluded) + bias. Trained on cloze examples (<see cref="ClozeExamples"/>); the loss
/// is taken only at masked positions. To predict, the window is shifted left by one and the mask token appended,
/// and the last position is scored.
/// </summary>
public sealed class Bert4RecModule : TransformerSequenceModule<Bert4RecBlock>
{
    private readonly ClozeExamples _examples;

    /// <param name="itemCount">Vocabulary size n (the table gets n + 1 rows; row n is the mask token).</param>
    /// <param name="config">Architecture and masking settings.</param>
    public Bert4RecModule(int itemCount, Bert4RecConfig config)
        : base(nameof(Bert4RecModule), itemCount, Checked(config).MaxLength, config.EmbeddingDim, Layers(config))
    {
        _examples = new ClozeExamples(config.MaskProbability, config.RandomMaskedCopies);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override ITrainingExamples TrainingExamples => _examples;

    /// <inheritdoc />
    public override Tensor ScoreNext(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var length = inputs.shape[1];
        using var mask = full([inputs.shape[0], 1], (long)ItemCount, dtype: int64, device: inputs.device);
        using var shifted = cat([inputs.narrow(1, 1, length - 1), mask], 1);
        return ScoreLastPosition(shifted);
    }

    /// <inheritdoc />
    protected override Tensor Activate(Tensor dense) => nn.functional.gelu(dense);

    private static Bert4RecConfig Checked(Bert4RecConfig config) => config ?? throw new ArgumentNullException(nameof(config));

    private static IEnumerable<Bert4RecBlock> Layers(Bert4RecConfig config) =>
        Enumerable.Range(0, config.Layers).Select(_ => new Bert4RecBlock(config.EmbeddingDim, config.Heads, config.Dropout));
}
