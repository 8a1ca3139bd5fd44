namespace LlmSeqRec.Reporting;

/// <summary>A link to something the run wrote.</summary>
/// <param name="Name">What it is, e.g. "dataset" or "vsknn:p1 recommendations".</param>
/// <param name="Href">An absolute http(s) URI or a path relative to the report.</param>
public sealed record ArtifactLink(string Name, string Href);
