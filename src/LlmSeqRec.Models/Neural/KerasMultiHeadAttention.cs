using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// Keras MultiHeadAttention self-attention as the papers use it: key_dim = emb / h, biased query/key/value/output
/// projections with Keras' Glorot fans, no dropout on the attention weights, no padding mask; optionally causal.
/// </summary>
public sealed class KerasMultiHeadAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;
    private readonly int _heads;
    private readonly int _keyDim;
    private readonly bool _causal;

    /// <param name="embeddingDim">emb.</param>
    /// <param name="heads">h.</param>
    /// <param name="causal">Each position attends only to itself and earlier ones.</param>
    /// <param name="initialize">Draw the Keras initial values now; false when the owner calls <see cref="Initialize"/> later (to keep its order of random draws).</param>
    public KerasMultiHeadAttention(int embeddingDim, int heads, bool causal, bool initialize = true)
        : base(nameof(KerasMultiHeadAttention))
    {
        _heads = heads;
        _keyDim = embeddingDim / Math.Max(1, heads);
        if (heads < 1 || _keyDim < 1)
        {
            throw new ArgumentException($"{heads} heads do not fit an embedding of {embeddingDim}");
        }

        _causal = causal;
        var projected = heads * _keyDim;
        query = nn.Linear(embeddingDim, projected);
        key = nn.Linear(embeddingDim, projected);
        value = nn.Linear(embeddingDim, projected);
        output = nn.Linear(projected, embeddingDim);
        RegisterComponents();
        if (initialize)
        {
            Initialize();
        }
    }

    /// <summary>Draws Keras' initial values: Glorot-uniform projections with Keras' fans, zero biases.</summary>
    public void Initialize()
    {
        foreach (var projection in new[] { query, key, value })
        {
            KerasInitializers.Attention(projection, _heads, output: false);
        }

        KerasInitializers.Attention(output, _heads, output: true);
    }

    /// <summary>Batch × N × emb in, the same shape out.</summary>
    public override Tensor forward(Tensor input) => Project(Attend(input)).view(input.shape);

    /// <summary>The heads' attention results before the output projection: (batch · N) × (h · key_dim).</summary>
    public Tensor Attend(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (batch, length) = (input.shape[0], input.shape[1]);
        return nn.functional.scaled_dot_product_attention(
                Heads(query.call(input), batch, length), Heads(key.call(input), batch, length), Heads(value.call(input), batch, length), is_casual: _causal)
            .transpose(1, 2).reshape(batch * length, _heads * _keyDim);
    }

    /// <summary>The output projection of rows of <see cref="Attend"/> (any subset of positions).</summary>
    public Tensor Project(Tensor attended) => output.call(attended);

    private Tensor Heads(Tensor projected, long batch, long length) =>
        projected.view(batch, length, _heads, _keyDim).transpose(1, 2);
}
