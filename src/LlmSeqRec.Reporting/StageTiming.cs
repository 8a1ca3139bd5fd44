namespace LlmSeqRec.Reporting;

/// <summary>Wall time of one pipeline stage.</summary>
/// <param name="Stage">The stage, e.g. "ingest".</param>
/// <param name="Seconds">Its wall time.</param>
public sealed record StageTiming(string Stage, double Seconds);
