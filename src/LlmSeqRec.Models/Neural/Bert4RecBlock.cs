using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// One BERT4Rec transformer layer in the papers' "FDRN" (post-LN) layout: function → dropout → residual → norm, for
/// bidirectional self-attention and then the feed-forward network Dense(4·emb, GELU) → Dense(emb).
/// </summary>
public sealed class Bert4RecBlock : nn.Module<Tensor, Tensor>, IPositionSelectiveLayer
{
    private readonly KerasMultiHeadAttention attention;
    private readonly MersenneDropout attentionDropout;
    private readonly LayerNorm attentionNorm;
    private readonly Linear feedForwardIn;
    private readonly Linear feedForwardOut;
    private readonly MersenneDropout feedForwardDropout;
    private readonly LayerNorm feedForwardNorm;

    /// <param name="embeddingDim">emb.</param>
    /// <param name="heads">h.</param>
    /// <param name="dropout">After attention and after the feed-forward network.</param>
    public Bert4RecBlock(int embeddingDim, int heads, double dropout)
        : base(nameof(Bert4RecBlock))
    {
        attention = new KerasMultiHeadAttention(embeddingDim, heads, causal: false);
        attentionDropout = new MersenneDropout(dropout);
        attentionNorm = nn.LayerNorm(embeddingDim, eps: 1e-5);
        feedForwardIn = nn.Linear(embeddingDim, 4 * embeddingDim);
        feedForwardOut = nn.Linear(4 * embeddingDim, embeddingDim);
        feedForwardDropout = new MersenneDropout(dropout);
        feedForwardNorm = nn.LayerNorm(embeddingDim, eps: 1e-5);
        RegisterComponents();
        KerasInitializers.Dense(feedForwardIn);
        KerasInitializers.Dense(feedForwardOut);
    }

    /// <summary>Batch × N × emb in, the same shape out.</summary>
    public override Tensor forward(Tensor input) => ForwardAt(input, null).view(input.shape);

    /// <summary>
    /// The layer's output at some positions only: attention reads every position, but the output projection, the
    /// residuals, the norms and the feed-forward network run only where needed (the same numbers as
    /// <see cref="forward"/> at those positions). Used for the last layer, where only masked positions matter.
    /// </summary>
    /// <param name="input">Batch × N × emb.</param>
    /// <param name="positions">Flat indexes (row · N + position) to compute; null for all.</param>
    /// <returns>positions × emb (batch · N × emb for all).</returns>
    public Tensor ForwardAt(Tensor input, Tensor? positions)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attended = attention.Attend(input);
        if (positions is not null)
        {
            attended = attended.index_select(0, positions);
        }

        var residual = TransformerLayers.Rows(input, positions);

        var x = attentionNorm.call(residual + attentionDropout.call(attention.Project(attended)));
        var ffn = feedForwardOut.call(nn.functional.gelu(feedForwardIn.call(x)));
        return feedForwardNorm.call(x + feedForwardDropout.call(ffn));
    }
}
