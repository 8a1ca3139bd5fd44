namespace LlmSeqRec.Models.Neural;

/// <summary>
/// BERT4Rec's cloze examples as the papers make them: per train sequence and epoch, one copy of its last-N window
/// with the last item masked and <see cref="RandomCopies"/> copies where every non-padding position is masked with
/// probability <see cref="MaskProbability"/>. Masked inputs become the mask id; the targets are the original items
/// at the masked positions (a copy with nothing masked teaches nothing).
/// </summary>
/// <param name="MaskProbability">Bernoulli probability per position in the random copies.</param>
/// <param name="RandomCopies">Randomly masked copies per sequence (the papers: 10).</param>
public sealed record ClozeExamples(double MaskProbability, int RandomCopies = 10) : ITrainingExamples
{
    /// <inheritdoc />
    public int CopiesPerSequence => RandomCopies + 1;

    /// <inheritdoc />
    public NextItemBatch Create(IReadOnlyList<int[]> sequences, ReadOnlySpan<int> examples, int length, int maskId, Random random)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(random);
        var inputs = new long[examples.Length * length];
        var positions = new List<long>();
        var targets = new List<long>();
        for (var b = 0; b < examples.Length; b++)
        {
            var (sequence, copy) = Math.DivRem(examples[b], CopiesPerSequence);
            var row = inputs.AsSpan(b * length, length);
            SequenceWindow.Fill(sequences[sequence], row, maskId);
            for (var t = 0; t < length; t++)
            {
                if (row[t] == maskId)
                {
                    continue;
                }

                var masked = copy == 0 ? t == length - 1 : random.NextDouble() < MaskProbability;
                if (masked)
                {
                    positions.Add((b * length) + t);
                    targets.Add(row[t]);
                    row[t] = maskId;
                }
            }
        }

        return new NextItemBatch(inputs, examples.Length, length, [.. positions], [.. targets]);
    }
}
