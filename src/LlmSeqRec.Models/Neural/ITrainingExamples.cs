namespace LlmSeqRec.Models.Neural;

/// <summary>
/// How a model's training examples are made from the train sequences in each epoch: how many examples each sequence
/// gives, and the batch of a list of examples (example e belongs to sequence e / <see cref="CopiesPerSequence"/>).
/// </summary>
public interface ITrainingExamples
{
    /// <summary>Examples per sequence and epoch.</summary>
    int CopiesPerSequence { get; }

    /// <summary>The batch of <paramref name="examples"/>; <paramref name="random"/> (seeded per epoch) drives any masking.</summary>
    NextItemBatch Create(IReadOnlyList<int[]> sequences, ReadOnlySpan<int> examples, int length, int maskId, Random random);
}

/// <summary>SASRec's and GRU4Rec's examples: one per sequence, the next item at every non-padding position.</summary>
public sealed class NextItemExamples : ITrainingExamples
{
    /// <summary>The one instance.</summary>
    public static NextItemExamples Instance { get; } = new();

    /// <inheritdoc />
    public int CopiesPerSequence => 1;

    /// <inheritdoc />
    public NextItemBatch Create(IReadOnlyList<int[]> sequences, ReadOnlySpan<int> examples, int length, int maskId, Random random) =>
        NextItemBatch.Create(sequences, examples, length, maskId);
}
