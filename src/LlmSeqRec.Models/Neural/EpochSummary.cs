namespace LlmSeqRec.Models.Neural;

/// <summary>One finished training epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training loss over the epoch's steps.</param>
/// <param name="ValidationNdcg">Inner-validation NDCG@20 after the epoch (NaN without a validation set).</param>
/// <param name="Seconds">Training time of the epoch (validation excluded).</param>
/// <param name="SequencesPerSecond">Training sequences per second.</param>
/// <param name="Improved">Whether the validation score was the best so far.</param>
public sealed record EpochSummary(int Epoch, double Loss, double ValidationNdcg, double Seconds, double SequencesPerSecond, bool Improved)
{
    /// <summary>One line for logs: epoch, loss, validation NDCG@20, time, sequences/s.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"epoch {Epoch}: loss {Loss:F4}, val NDCG@20 {ValidationNdcg:F4}{(Improved ? " *" : "")}, {Seconds:F1} s, {SequencesPerSecond:F0} seq/s");
}
