using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// One SASRec transformer layer in the papers' "NFDR" (pre-LN) layout: norm → function → dropout → residual, for
/// causal self-attention and then the feed-forward network Dense(intm, ReLU) → Dense(emb). Keras
/// MultiHeadAttention semantics: key_dim = emb / h, biased projections, no dropout on the attention weights, and
/// no padding mask (only the causal one).
/// </summary>
public sealed class SasRecBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm attentionNorm;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear attentionOutput;
    private readonly Dropout attentionDropout;
    private readonly LayerNorm feedForwardNorm;
    private readonly Linear feedForwardIn;
    private readonly Linear feedForwardOut;
    private readonly Dropout feedForwardDropout;
    private readonly int _heads;
    private readonly int _keyDim;

    /// <param name="embeddingDim">emb.</param>
    /// <param name="heads">h (key_dim = emb / h).</param>
    /// <param name="intermediateDim">Width of the feed-forward layer (SASRec: emb).</param>
    /// <param name="dropout">Dropout after attention and after the feed-forward network.</param>
    public SasRecBlock(int embeddingDim, int heads, int intermediateDim, double dropout)
        : base(nameof(SasRecBlock))
    {
        _heads = heads;
        _keyDim = embeddingDim / heads;
        if (_keyDim < 1)
        {
            throw new ArgumentException($"{heads} heads do not fit an embedding of {embeddingDim}");
        }

        var projected = heads * _keyDim;
        attentionNorm = nn.LayerNorm(embeddingDim, eps: 1e-5);
        query = nn.Linear(embeddingDim, projected);
        key = nn.Linear(embeddingDim, projected);
        value = nn.Linear(embeddingDim, projected);
        attentionOutput = nn.Linear(projected, embeddingDim);
        attentionDropout = nn.Dropout(dropout);
        feedForwardNorm = nn.LayerNorm(embeddingDim, eps: 1e-5);
        feedForwardIn = nn.Linear(embeddingDim, intermediateDim);
        feedForwardOut = nn.Linear(intermediateDim, embeddingDim);
        feedForwardDropout = nn.Dropout(dropout);
        RegisterComponents();

        foreach (var projection in new[] { query, key, value })
        {
            KerasInitializers.Attention(projection, heads, output: false);
        }

        KerasInitializers.Attention(attentionOutput, heads, output: true);
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
        var (batch, length, width) = (input.shape[0], input.shape[1], input.shape[2]);
        var normed = attentionNorm.call(input);
        var q = Heads(query.call(normed), batch, length);
        var k = Heads(key.call(normed), batch, length);
        var v = Heads(value.call(normed), batch, length);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true)
            .transpose(1, 2).reshape(batch * length, _heads * _keyDim);
        var residual = input.reshape(batch * length, width);
        if (positions is not null)
        {
            attended = attended.index_select(0, positions);
            residual = residual.index_select(0, positions);
        }

        var x = residual + attentionDropout.call(attentionOutput.call(attended));
        var ffn = feedForwardOut.call(nn.functional.relu(feedForwardIn.call(feedForwardNorm.call(x))));
        return x + feedForwardDropout.call(ffn);
    }

    private Tensor Heads(Tensor projected, long batch, long length) =>
        projected.view(batch, length, _heads, _keyDim).transpose(1, 2);
}
