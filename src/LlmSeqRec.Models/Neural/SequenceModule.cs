using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// A neural sequential model over <see cref="ItemVocabulary"/> ids: a training loss on a batch, and next-item
/// scores for the last position of a batch of windows. Its item-embedding table (one row per item plus the mask
/// row) is exposed so that LLM2X models can initialise it.
/// </summary>
public abstract class SequenceModule(string name) : nn.Module(name)
{
    private readonly LogitsWorkspace _logits = new();

    /// <summary>The item-embedding table: vocabulary size + 1 rows (the last is the mask token).</summary>
    public abstract Parameter ItemEmbeddings { get; }

    /// <summary>The output bias of the tied head: one per item (mask excluded).</summary>
    public abstract Parameter OutputBias { get; }

    /// <summary>Number of items the model scores (the table's rows without the mask row).</summary>
    public int ItemCount => (int)ItemEmbeddings.shape[0] - 1;

    /// <summary>
    /// Mean cross-entropy of the full softmax over all items at the given positions, through autograd (the trainer
    /// uses <see cref="LossBackward"/>; both give the same numbers).
    /// </summary>
    /// <param name="inputs">Batch × N input ids (int64).</param>
    /// <param name="positions">Flat indexes (row · N + position) of the positions that have a target.</param>
    /// <param name="targets">The target item id at each position.</param>
    public Tensor Loss(Tensor inputs, Tensor positions, Tensor targets) =>
        TiedSoftmaxCrossEntropy.Loss(HeadFeatures(inputs, positions), ItemEmbeddings, ItemCount, OutputBias, targets);

    /// <summary>
    /// The same loss as <see cref="Loss"/>, with its gradients accumulated into the parameters by
    /// <see cref="TiedSoftmaxCrossEntropy.Backward"/> (the training step's forward and backward pass).
    /// </summary>
    /// <param name="inputs">Batch × N input ids (int64).</param>
    /// <param name="positions">Flat indexes (row · N + position) of the positions that have a target.</param>
    /// <param name="targets">The target item id at each position.</param>
    /// <param name="chunkBytes">Size of the logits of one chunk of target rows (see <see cref="TiedSoftmaxCrossEntropy"/>).</param>
    /// <returns>The mean loss of the batch.</returns>
    public float LossBackward(Tensor inputs, Tensor positions, Tensor targets, long chunkBytes = TiedSoftmaxCrossEntropy.DefaultChunkBytes)
    {
        using var features = HeadFeatures(inputs, positions);
        return TiedSoftmaxCrossEntropy.Backward(features, ItemEmbeddings, ItemCount, OutputBias, targets, chunkBytes, _logits);
    }

    /// <summary>Scores of every item (mask excluded) as the next item after each window: batch × vocabulary size.</summary>
    public abstract Tensor ScoreNext(Tensor inputs);

    /// <summary>
    /// The head's features at the given positions: the hidden states there through the head's Dense layer and its
    /// activation (targets × emb), ready for the product with the item table.
    /// </summary>
    protected abstract Tensor HeadFeatures(Tensor inputs, Tensor positions);

    /// <summary>Scores of every item for rows of head features: features · tableᵀ + bias.</summary>
    protected Tensor Scores(Tensor features) =>
        nn.functional.linear(features, ItemEmbeddings.narrow(0, 0, ItemCount), OutputBias);

    /// <summary>How the trainer makes this model's examples (next-item targets unless the model says otherwise).</summary>
    public virtual ITrainingExamples TrainingExamples => NextItemExamples.Instance;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _logits.Dispose();
        }

        base.Dispose(disposing);
    }
}
