using System.Globalization;

namespace LlmSeqRec.Embeddings.Providers;

/// <summary>
/// Settings of <see cref="AzureOpenAiEmbeddingProvider"/>, as the command line binds them. Holds no secret: the
/// api key or the Entra ID credential is passed to the provider on its own.
/// </summary>
public sealed record AzureOpenAiEmbeddingOptions
{
    /// <summary>The service's hard limit on inputs per embeddings request.</summary>
    public const int ServiceMaxInputsPerRequest = 2048;

    /// <summary>The resource endpoint, e.g. <c>https://my-resource.openai.azure.com/</c>. Plain http only on loopback.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The deployment name (what the request URL names).</summary>
    public required string Deployment { get; init; }

    /// <summary>The model behind the deployment, e.g. <c>text-embedding-3-small</c>: names the vectors for caching.</summary>
    public required string Model { get; init; }

    /// <summary>
    /// Reduced output length (text-embedding-3-* accept it). Null: the model's native length, which must then be
    /// known (<see cref="NativeDimensions"/>).
    /// </summary>
    public int? Dimensions { get; init; }

    /// <summary>Texts per request, 1 to <see cref="ServiceMaxInputsPerRequest"/>.</summary>
    public int MaxInputsPerRequest { get; init; } = 256;

    /// <summary>
    /// Estimated tokens per request (null: no budget). The estimate is the UTF-8 byte count of each text, an upper
    /// bound for byte-level BPE tokenizers; a single text over the budget is sent alone.
    /// </summary>
    public int? MaxTokensPerRequest { get; init; } = 300_000;

    /// <summary>Requests in flight at once.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Retries of one request after a 408, 429 or 5xx answer, a timeout or a network failure.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Time allowed for one attempt of one request, answer included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>First back-off delay when the service gives no Retry-After; doubles with each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of any wait between attempts, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The length of the returned vectors: <see cref="Dimensions"/>, else the model's native length.</summary>
    public int OutputDimensions() =>
        Dimensions ?? NativeDimensions(Model)
        ?? throw new InvalidOperationException($"the native dimensions of model '{Model}' are unknown; set Dimensions");

    /// <summary>Whether <see cref="Dimensions"/> goes into the request (the model accepts a reduced length).</summary>
    public bool SendsDimensions() => Dimensions is not null && AcceptsDimensions(Model);

    /// <summary>The native output length of a known OpenAI embedding model, else null.</summary>
    public static int? NativeDimensions(string model) => model.ToLowerInvariant() switch
    {
        "text-embedding-3-small" => 1536,
        "text-embedding-3-large" => 3072,
        "text-embedding-ada-002" => 1536,
        _ => null,
    };

    /// <summary>False for models known to have a fixed length (text-embedding-ada-002); true otherwise.</summary>
    public static bool AcceptsDimensions(string model) => !string.Equals(model, "text-embedding-ada-002", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every problem with these settings, one sentence each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Endpoint is null || !Endpoint.IsAbsoluteUri)
        {
            problems.Add($"endpoint '{Endpoint}' is not an absolute URL (e.g. https://my-resource.openai.azure.com/)");
        }
        else if (Endpoint.Scheme != Uri.UriSchemeHttps && !(Endpoint.Scheme == Uri.UriSchemeHttp && Endpoint.IsLoopback))
        {
            problems.Add($"endpoint '{Endpoint}' must use https (plain http is allowed only on localhost)");
        }

        if (string.IsNullOrWhiteSpace(Deployment) || Deployment.IndexOfAny(['/', '?', '#', '\\']) >= 0)
        {
            problems.Add($"deployment '{Deployment}' must be a non-empty deployment name without '/', '?', '#' or '\\'");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add("model must name the model behind the deployment, e.g. text-embedding-3-small");
        }
        else
        {
            var native = NativeDimensions(Model);
            if (Dimensions is { } dims)
            {
                if (dims < 1)
                {
                    problems.Add($"dimensions {dims} must be at least 1");
                }
                else if (native is { } max && dims > max)
                {
                    problems.Add($"dimensions {dims} exceed the {max} of {Model}");
                }
                else if (!AcceptsDimensions(Model) && dims != native)
                {
                    problems.Add($"{Model} has a fixed length of {native}; leave dimensions unset");
                }
            }
            else if (native is null)
            {
                problems.Add($"the output length of model '{Model}' is not known here; set dimensions");
            }
        }

        Check(MaxInputsPerRequest is >= 1 and <= ServiceMaxInputsPerRequest,
            $"max inputs per request {MaxInputsPerRequest} must be between 1 and {ServiceMaxInputsPerRequest}");
        Check(MaxTokensPerRequest is null or >= 1, $"max tokens per request {MaxTokensPerRequest} must be at least 1 (or unset)");
        Check(MaxConcurrency is >= 1 and <= 64, $"max concurrency {MaxConcurrency} must be between 1 and 64");
        Check(MaxRetries is >= 0 and <= 20, $"max retries {MaxRetries} must be between 0 and 20");
        Check(RequestTimeout > TimeSpan.Zero && RequestTimeout <= TimeSpan.FromMinutes(30),
            $"request timeout {Seconds(RequestTimeout)} must be above 0 s and at most 1800 s");
        Check(RetryBaseDelay >= TimeSpan.Zero, $"retry base delay {Seconds(RetryBaseDelay)} must not be negative");
        Check(MaxRetryDelay >= RetryBaseDelay, $"max retry delay {Seconds(MaxRetryDelay)} must be at least the retry base delay {Seconds(RetryBaseDelay)}");
        return problems;

        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem, if there is any.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid Azure OpenAI embedding settings: " + string.Join("; ", problems));
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
