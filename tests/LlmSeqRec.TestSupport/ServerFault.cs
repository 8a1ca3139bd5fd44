namespace LlmSeqRec.TestSupport;

/// <summary>
/// How <see cref="OpenAiCompatibleServer"/> answers one request instead of normally: after <paramref name="Delay"/>,
/// with an error <paramref name="Status"/> (and <paramref name="RetryAfter"/>), a raw 200 <paramref name="Body"/>,
/// or vectors of the wrong length <paramref name="Dimensions"/>.
/// </summary>
public sealed record ServerFault(int Status = 200, string? RetryAfter = null, string? Body = null, TimeSpan Delay = default, int? Dimensions = null)
{
    /// <summary>Answer normally.</summary>
    public static ServerFault None { get; } = new();

    /// <summary>An error status with an Azure-style error body, optionally with a Retry-After header.</summary>
    public static ServerFault Error(int status, string? retryAfter = null) => new(status, retryAfter);

    /// <summary>A 200 answer whose body is <paramref name="body"/> as given.</summary>
    public static ServerFault Malformed(string body) => new(Body: body);

    /// <summary>A normal answer after <paramref name="delay"/> (cut short when the server stops).</summary>
    public static ServerFault Slow(TimeSpan delay) => new(Delay: delay);

    /// <summary>A normal answer with vectors of <paramref name="dimensions"/> values whatever was asked.</summary>
    public static ServerFault WrongLength(int dimensions) => new(Dimensions: dimensions);
}
