namespace LlmSeqRec.Reporting;

/// <summary>The three documents of a run report, for callers that store them themselves (e.g. in blob storage).</summary>
/// <param name="Html">The self-contained page (inline CSS, charts embedded as PNG data URIs).</param>
/// <param name="Markdown">The same tables as Markdown (no charts).</param>
/// <param name="Json">The report's data and the paper's numbers, camelCase, indented.</param>
public sealed record RenderedReport(string Html, string Markdown, string Json);
