using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// The inner validation of the papers' neural models: held-out train sequences whose last item is predicted from
/// the window before it (prompt items filtered), scored by NDCG@20.
/// </summary>
public sealed class InnerValidation
{
    /// <summary>The cutoff of the early-stopping metric.</summary>
    public const int Cutoff = 20;

    private readonly long[] _inputs;
    private readonly long[] _targets;
    private readonly int _length;

    /// <param name="sequences">Validation sequences (model ids, at least 2 items each).</param>
    /// <param name="length">Window length N.</param>
    /// <param name="maskId">The padding id.</param>
    public InnerValidation(IReadOnlyList<int[]> sequences, int length, int maskId)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        _length = length;
        _inputs = new long[sequences.Count * length];
        _targets = new long[sequences.Count];
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            SequenceWindow.Fill(sequence.AsSpan(0, sequence.Length - 1), _inputs.AsSpan(i * length, length), maskId);
            _targets[i] = sequence[^1];
        }
    }

    /// <summary>Number of validation sequences.</summary>
    public int Count => _targets.Length;

    /// <summary>Mean NDCG@20 of the model's next-item ranking (evaluation mode, no gradients).</summary>
    public double Ndcg(SequenceModule model, int batchSize, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Count == 0)
        {
            return double.NaN;
        }

        model.eval();
        using var _ = no_grad();
        var sum = 0.0;
        for (var start = 0; start < Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(batchSize, Count - start);
            var inputs = tensor(_inputs.AsSpan(start * _length, count * _length).ToArray(), [count, _length], device: device);
            var scores = PromptItemFilter.Apply(model.ScoreNext(inputs), inputs);
            var top = scores.topk(Math.Min(Cutoff, (int)scores.shape[1]), 1).indexes.cpu().data<long>().ToArray();
            var k = top.Length / count;
            for (var i = 0; i < count; i++)
            {
                var rank = Array.IndexOf(top, _targets[start + i], i * k, k);
                if (rank >= 0)
                {
                    sum += 1 / Math.Log2(rank - (i * k) + 2);
                }
            }
        }

        return sum / Count;
    }
}
