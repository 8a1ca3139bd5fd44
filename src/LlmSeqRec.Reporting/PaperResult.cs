namespace LlmSeqRec.Reporting;

/// <summary>One model's published numbers.</summary>
/// <param name="Model">Our model name (a <c>ModelRegistry</c> name, lower case), e.g. "vsknn".</param>
/// <param name="PaperModel">The paper's name and configuration, e.g. "V-SKNN".</param>
/// <param name="Source">Where the numbers are from.</param>
/// <param name="Metrics">Metric name in our spelling (e.g. "HitRate@20") to value.</param>
public sealed record PaperResult(string Model, string PaperModel, string Source, IReadOnlyDictionary<string, double> Metrics);
