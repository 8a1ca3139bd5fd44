using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// Leaves out the items of the model's input window from next-item scores (the papers' <c>pred_seen=False</c>:
/// only the N items the model sees are filtered, not older ones).
/// </summary>
public static class PromptItemFilter
{
    /// <summary>
    /// <paramref name="scores"/> (batch × n) with -∞ at the ids of <paramref name="inputs"/> (batch × N, padded
    /// with the mask id n, which is ignored).
    /// </summary>
    public static Tensor Apply(Tensor scores, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(inputs);
        var (batch, items) = (scores.shape[0], scores.shape[1]);
        var padded = cat([scores, zeros(batch, 1, dtype: scores.dtype, device: scores.device)], 1);
        padded.scatter_(1, inputs, full(inputs.shape, float.NegativeInfinity, dtype: scores.dtype, device: scores.device));
        return padded.narrow(1, 0, items);
    }
}
