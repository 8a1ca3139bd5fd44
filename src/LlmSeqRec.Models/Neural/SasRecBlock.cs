using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// One SASRec transformer layer in the papers' "NFDR" (pre-LN) layout: norm → function → dropout → residual, for
/// causal self-attention (<see cref="KerasMultiHeadAttention"/>) and then the feed-forward network
/// Dense(intm, ReLU) → Dense(emb).
/// </summary>
public sealed class SasRecBlock : nn.Module<Tensor, Tensor>, IPositionSelectiveLayer
{
    private readonly LayerNorm attentionNorm;
    private readonly KerasMultiHeadAttention attention;
    private readonly MersenneDropout attentionDropout;
    private readonly LayerNorm feedForwardNorm;
    private readonly Linear feedForwardIn;
    private readonly Linear feedForwardOut;
    private readonly MersenneDropout feedForwardDropout;

    /// <param name="embeddingDim">emb.</param>
    /// <param name="heads">h (key_dim = emb / h).</param>
    /// <param name="intermediateDim">Width of the feed-forward layer (SASRec: emb).</param>
    /// <param name="dropout">Dropout after attention and after the feed-forward network.</param>
    public SasRecBlock(int embeddingDim, int heads, int intermediateDim, double dropout)
        : base(nameof(SasRecBlock))
    {
        attentionNorm = nn.LayerNorm(embeddingDim, eps: 1e-5);
        attention = new KerasMultiHeadAttention(embeddingDim, heads, causal: true, initialize: false);
        attentionDropout = new MersenneDropout(dropout);
        feedForwardNorm = nn.LayerNorm(embeddingDim, eps: 1e-5);
        feedForwardIn = nn.Linear(embeddingDim, intermediateDim);
        feedForwardOut = nn.Linear(intermediateDim, embeddingDim);
        feedForwardDropout = new MersenneDropout(dropout);
        RegisterComponents();

        // Initial values drawn in the same order as when the projections were fields here: seeds give the same weights.
        attention.Initialize();
        KerasInitializers.Dense(feedForwardIn);
        KerasInitializers.Dense(feedForwardOut);
    }

    /// <summary>Batch × N × emb in, the same shape out.</summary>
    public override Tensor forward(Tensor input) => ForwardAt(input, null).view(input.shape);

    /// <summary>
    /// The layer's output at some positions only: attention reads every position (keys and values), but the output
    /// projection, the residuals and the feed-forward network run only where they are needed (the same numbers as
    /// <see cref="forward"/> at those positions). Used for the last layer, where only target positions matter.
    /// </summary>
    /// <param name="input">Batch × N × emb.</param>
    /// <param name="positions">Flat indexes (row · N + position) to compute; null for all.</param>
    /// <returns>positions × emb (batch · N × emb for all).</returns>
    public Tensor ForwardAt(Tensor input, Tensor? positions)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attended = attention.Attend(attentionNorm.call(input));
        if (positions is not null)
        {
            attended = attended.index_select(0, positions);
        }

        var residual = TransformerLayers.Rows(input, positions);

        var x = residual + attentionDropout.call(attention.Project(attended));
        var ffn = feedForwardOut.call(nn.functional.relu(feedForwardIn.call(feedForwardNorm.call(x))));
        return x + feedForwardDropout.call(ffn);
    }
}
