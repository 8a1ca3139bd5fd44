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
    /// <summary>The item-embedding table: vocabulary size + 1 rows (the last is the mask token).</summary>
    public abstract Parameter ItemEmbeddings { get; }

    /// <summary>
    /// Mean cross-entropy of the full softmax over all items at the given positions.
    /// </summary>
    /// <param name="inputs">Batch × N input ids (int64).</param>
    /// <param name="positions">Flat indexes (row · N + position) of the positions that have a target.</param>
    /// <param name="targets">The target item id at each position.</param>
    public abstract Tensor Loss(Tensor inputs, Tensor positions, Tensor targets);

    /// <summary>Scores of every item (mask excluded) as the next item after each window: batch × vocabulary size.</summary>
    public abstract Tensor ScoreNext(Tensor inputs);

    /// <summary>How the trainer makes this model's examples (next-item targets unless the model says otherwise).</summary>
    public virtual ITrainingExamples TrainingExamples => NextItemExamples.Instance;
}
