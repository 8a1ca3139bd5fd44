namespace LlmSeqRec.Reporting;

/// <summary>One training epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training loss.</param>
/// <param name="ValidationNdcg20">NDCG@20 on the inner validation set after the epoch.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public sealed record EpochPoint(int Epoch, double Loss, double ValidationNdcg20, double Seconds);
