namespace LlmSeqRec.Reporting;

/// <summary>Hit rate of the test cases whose prompt length falls in one bucket.</summary>
/// <param name="Label">E.g. "1", "5-6", "20+".</param>
/// <param name="MinLength">Shortest prompt length in the bucket.</param>
/// <param name="MaxLength">Longest prompt length in the bucket; null for an open last bucket.</param>
/// <param name="Cases">Test cases in the bucket.</param>
/// <param name="HitRate">Their hit rate at the run's largest cutoff.</param>
public sealed record LengthBucket(string Label, int MinLength, int? MaxLength, int Cases, double HitRate);
