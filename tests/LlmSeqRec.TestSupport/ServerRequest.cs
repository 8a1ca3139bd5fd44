namespace LlmSeqRec.TestSupport;

/// <summary>One request as <see cref="OpenAiCompatibleServer"/> received it.</summary>
public sealed record ServerRequest(
    string Method,
    string Path,
    string? ApiVersion,
    string? ApiKey,
    string? Authorization,
    IReadOnlyList<string> Inputs,
    int? Dimensions,
    string? EncodingFormat,
    TimeSpan ReceivedAt);
