using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// The layout SASRec and BERT4Rec share, as the papers build both: item + learned positional embeddings (summed), a
/// stack of transformer layers whose last one runs only at the positions asked for, and a head Dense(emb, activation)
/// whose features meet the item-embedding table (weight tying, mask row excluded) and a bias. Subclasses choose the
/// layer, what happens to the summed embeddings and the head's activation.
/// </summary>
/// <typeparam name="TLayer">The transformer layer.</typeparam>
public abstract class TransformerSequenceModule<TLayer> : SequenceModule
    where TLayer : nn.Module<Tensor, Tensor>, IPositionSelectiveLayer
{
    // The order of these fields is the order of the parameters (the embeddings and the bias, then blocks.*,
    // headDense.*), which checkpoints and the optimiser's state follow.
    private readonly Parameter itemEmbeddings;
    private readonly Parameter positionEmbeddings;
    private readonly ModuleList<TLayer> blocks;
    private readonly Linear headDense;
    private readonly Parameter headBias;
    private readonly int _embeddingDim;

    /// <summary>Builds the embeddings and the head around the layers; subclasses call RegisterComponents once their own fields are set.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="itemCount">Vocabulary size n (the table gets n + 1 rows; row n is the mask token).</param>
    /// <param name="maxLength">Positions per window (N).</param>
    /// <param name="embeddingDim">emb.</param>
    /// <param name="layers">
    /// The layers, built by the caller: their weights are drawn before the embeddings' and the head's, the order the
    /// recorded seeds were trained with.
    /// </param>
    protected TransformerSequenceModule(string name, int itemCount, int maxLength, int embeddingDim, IEnumerable<TLayer> layers)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        ArgumentNullException.ThrowIfNull(layers);
        _embeddingDim = embeddingDim;
        itemEmbeddings = new Parameter(empty(itemCount + 1, embeddingDim));
        positionEmbeddings = new Parameter(empty(maxLength, embeddingDim));
        blocks = nn.ModuleList([.. layers]);
        headDense = nn.Linear(embeddingDim, embeddingDim);
        headBias = new Parameter(zeros(itemCount));

        KerasInitializers.Uniform(itemEmbeddings, KerasInitializers.EmbeddingLimit);
        KerasInitializers.Uniform(positionEmbeddings, KerasInitializers.EmbeddingLimit);
        KerasInitializers.Dense(headDense);
    }

    /// <inheritdoc />
    public override Parameter ItemEmbeddings => itemEmbeddings;

    /// <inheritdoc />
    public override Parameter OutputBias => headBias;

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
        return TransformerLayers.RunAt(Embedded(x), blocks, positions);
    }

    /// <summary>The summed item and position embeddings on their way into the first layer (batch × N × emb).</summary>
    protected virtual Tensor Embedded(Tensor summed) => summed;

    /// <summary>The head's activation after its Dense layer.</summary>
    protected abstract Tensor Activate(Tensor dense);

    /// <inheritdoc />
    protected override Tensor HeadFeatures(Tensor inputs, Tensor positions) => Activate(headDense.call(HiddenAt(inputs, positions)));

    /// <summary>Scores of every item at the last position of each window: batch × vocabulary size.</summary>
    protected Tensor ScoreLastPosition(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (batch, length) = (inputs.shape[0], inputs.shape[1]);
        using var last = arange(batch, dtype: ScalarType.Int64, device: inputs.device).mul_(length).add_(length - 1);
        return Scores(HeadFeatures(inputs, last));
    }
}
