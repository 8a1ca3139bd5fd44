using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// SASRec as the papers implement it: item + learned positional embeddings (summed, then dropout), L pre-LN causal
/// transformer layers (<see cref="SasRecBlock"/>), and an output head Dense(emb, ReLU) → product with the
/// item-embedding table (weight tying, mask row excluded) + bias. Only the positions that have a target go through
/// the head.
/// </summary>
public sealed class SasRecModule : TransformerSequenceModule<SasRecBlock>
{
    private readonly MersenneDropout embeddingDropout;

    /// <param name="itemCount">Vocabulary size n (the table gets n + 1 rows).</param>
    /// <param name="config">Architecture settings.</param>
    public SasRecModule(int itemCount, SasRecConfig config)
        : base(nameof(SasRecModule), itemCount, Checked(config).MaxLength, config.EmbeddingDim, Layers(config))
    {
        embeddingDropout = new MersenneDropout(config.Dropout);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor ScoreNext(Tensor inputs) => ScoreLastPosition(inputs);

    /// <inheritdoc />
    protected override Tensor Embedded(Tensor summed) => embeddingDropout.call(summed);

    /// <inheritdoc />
    protected override Tensor Activate(Tensor dense) => nn.functional.relu(dense);

    private static SasRecConfig Checked(SasRecConfig config) => config ?? throw new ArgumentNullException(nameof(config));

    private static IEnumerable<SasRecBlock> Layers(SasRecConfig config) =>
        Enumerable.Range(0, config.Layers).Select(_ => new SasRecBlock(config.EmbeddingDim, config.Heads, config.EmbeddingDim, config.Dropout));
}
