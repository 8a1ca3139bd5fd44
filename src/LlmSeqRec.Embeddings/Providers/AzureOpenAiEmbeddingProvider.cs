using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.Json;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using OpenAI.Embeddings;

namespace LlmSeqRec.Embeddings.Providers;

/// <summary>
/// Embeddings from an Azure OpenAI deployment (text-embedding-3-small/-large, text-embedding-ada-002, ...) through
/// the Azure.AI.OpenAI client, authenticated by an api key or an Entra ID <see cref="TokenCredential"/>.
/// Texts go in consecutive batches (<see cref="AzureOpenAiEmbeddingOptions.MaxInputsPerRequest"/> texts and
/// <see cref="AzureOpenAiEmbeddingOptions.MaxTokensPerRequest"/> estimated tokens at most), up to
/// <see cref="AzureOpenAiEmbeddingOptions.MaxConcurrency"/> requests at once; each batch fills its own rows, so
/// the order is kept. A 408, 429 or 5xx answer, a timeout or a network failure is retried after the service's
/// Retry-After (retry-after-ms, x-ms-retry-after-ms or Retry-After), else after an exponential back-off with
/// jitter; any other failure, or retries running out, throws an <see cref="EmbeddingServiceException"/>.
/// The client's own retries are turned off so that every attempt is counted in <see cref="Usage"/>.
/// </summary>
public sealed class AzureOpenAiEmbeddingProvider : IEmbeddingProvider
{
    /// <summary>The environment variable a caller conventionally reads the api key from.</summary>
    public const string ApiKeyEnvironmentVariable = "AZURE_OPENAI_API_KEY";

    /// <summary>The provider name in <see cref="EmbeddingModelId"/>.</summary>
    public const string ProviderName = "azure-openai";

    private const int DetailLength = 300;
    private readonly AzureOpenAiEmbeddingOptions _options;
    private readonly EmbeddingClient _client;
    private long _promptTokens;
    private long _totalTokens;
    private int _requests;
    private int _retries;

    /// <summary>Authenticates with an api key (sent in the <c>api-key</c> header).</summary>
    /// <exception cref="ArgumentException">The options are invalid or the key is empty.</exception>
    public AzureOpenAiEmbeddingProvider(AzureOpenAiEmbeddingOptions options, string apiKey)
        : this(options, Connect(options, apiKey))
    {
    }

    /// <summary>Authenticates with Entra ID: a bearer token from <paramref name="credential"/> for the Cognitive Services scope.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public AzureOpenAiEmbeddingProvider(AzureOpenAiEmbeddingOptions options, TokenCredential credential)
        : this(options, Connect(options, credential))
    {
    }

    private AzureOpenAiEmbeddingProvider(AzureOpenAiEmbeddingOptions options, AzureOpenAIClient client)
    {
        _options = options;
        _client = client.GetEmbeddingClient(options.Deployment);
        Model = new EmbeddingModelId(ProviderName, options.Model, options.OutputDimensions());
    }

    /// <summary>Authenticates with <see cref="DefaultAzureCredential"/> (environment, workload or managed identity, Azure CLI, ...).</summary>
    public static AzureOpenAiEmbeddingProvider WithDefaultAzureCredential(AzureOpenAiEmbeddingOptions options) =>
        new(options, new DefaultAzureCredential());

    /// <summary>
    /// Authenticates with the api key in <see cref="ApiKeyEnvironmentVariable"/> when it is set (local development),
    /// else with <see cref="DefaultAzureCredential"/> (managed identity in Azure).
    /// </summary>
    public static AzureOpenAiEmbeddingProvider FromEnvironment(AzureOpenAiEmbeddingOptions options) =>
        Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable) is { Length: > 0 } key
            ? new AzureOpenAiEmbeddingProvider(options, key)
            : WithDefaultAzureCredential(options);

    /// <inheritdoc />
    public EmbeddingModelId Model { get; }

    /// <summary>The settings in use.</summary>
    public AzureOpenAiEmbeddingOptions Options => _options;

    /// <summary>Tokens, requests and retries so far, over every call of this instance.</summary>
    public EmbeddingUsage Usage => new(
        Interlocked.Read(ref _promptTokens), Interlocked.Read(ref _totalTokens), Volatile.Read(ref _requests), Volatile.Read(ref _retries));

    /// <inheritdoc />
    /// <remarks><paramref name="progress"/> receives the number of texts done so far, rising, after each batch.</remarks>
    /// <exception cref="EmbeddingServiceException">A batch failed for good.</exception>
    public async Task<float[]> EmbedAsync(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                throw new ArgumentException($"text {i} is empty or blank; the embeddings service rejects it", nameof(texts));
            }
        }

        var result = new float[checked(texts.Count * Model.Dimensions)];
        if (texts.Count == 0)
        {
            return result;
        }

        var batches = EmbeddingBatch.Plan(texts, _options.MaxInputsPerRequest, _options.MaxTokensPerRequest);
        var gate = new Lock();
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, parallel, async (batch, token) =>
        {
            await EmbedBatchAsync(texts, batch, result, token).ConfigureAwait(false);
            lock (gate)
            {
                done += batch.Count;
                progress?.Report(done);
            }
        }).ConfigureAwait(false);
        return result;
    }

    private async Task EmbedBatchAsync(IReadOnlyList<string> texts, EmbeddingBatch batch, float[] result, CancellationToken cancellationToken)
    {
        var inputs = new string[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            inputs[i] = texts[batch.Start + i];
        }

        for (var attempt = 1; ; attempt++)
        {
            Interlocked.Increment(ref _requests);
            OpenAIEmbeddingCollection? answer = null;
            var problem = string.Empty;
            int? status = null;
            TimeSpan? retryAfter = null;
            Exception? cause = null;
            using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptCancellation.CancelAfter(_options.RequestTimeout);
                try
                {
                    // A new options object per request: the client writes the inputs into it, so a shared one
                    // would let concurrent batches send each other's texts.
                    var request = new EmbeddingGenerationOptions { Dimensions = _options.SendsDimensions() ? _options.Dimensions : null };
                    answer = (await _client.GenerateEmbeddingsAsync(inputs, request, attemptCancellation.Token).ConfigureAwait(false)).Value;
                }
                catch (ClientResultException e) when (e.Status is 0 or 408 or 429 or >= 500)
                {
                    status = e.Status == 0 ? null : e.Status;
                    problem = e.Status == 0 ? $"network failure: {Shorten(e.InnerException?.Message ?? e.Message)}" : Describe(e);
                    retryAfter = RetryAfter(e.GetRawResponse());
                    cause = e;
                }
                catch (ClientResultException e)
                {
                    throw Fail(batch, attempt, e.Status, Describe(e), e);
                }
                catch (Exception e) when ((e is OperationCanceledException or TimeoutException) && !cancellationToken.IsCancellationRequested)
                {
                    problem = $"no answer within the request timeout of {Seconds(_options.RequestTimeout)}";
                    cause = e;
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    problem = $"network failure: {Shorten(e.Message)}";
                    cause = e;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw Fail(batch, attempt, null, $"malformed answer ({e.GetType().Name}: {Shorten(e.Message)})", e);
                }
            }

            if (answer is not null)
            {
                Store(answer, batch, result, attempt);
                return;
            }

            if (attempt > _options.MaxRetries)
            {
                throw Fail(batch, attempt, status, $"{problem}; gave up after {attempt} attempt{(attempt == 1 ? "" : "s")}", cause);
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(retryAfter ?? Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private void Store(OpenAIEmbeddingCollection answer, EmbeddingBatch batch, float[] result, int attempt)
    {
        var dims = Model.Dimensions;
        if (answer.Count != batch.Count)
        {
            throw Fail(batch, attempt, null, $"malformed answer: {answer.Count} vectors for {batch.Count} texts");
        }

        var seen = new bool[batch.Count];
        foreach (var embedding in answer)
        {
            var index = embedding.Index;
            if (index < 0 || index >= batch.Count || seen[index])
            {
                throw Fail(batch, attempt, null, $"malformed answer: vector index {index} is out of range 0-{batch.Count - 1} or repeated");
            }

            seen[index] = true;
        }

        foreach (var embedding in answer)
        {
            var index = embedding.Index;
            ReadOnlyMemory<float> vector;
            try
            {
                vector = embedding.ToFloats();
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentException)
            {
                throw Fail(batch, attempt, null, $"malformed answer: vector {index} cannot be decoded ({Shorten(e.Message)})", e);
            }

            if (vector.Length != dims)
            {
                var hint = _options.SendsDimensions() ? $" (the request asked for dimensions={dims})" : $" (the native length of {_options.Model})";
                throw Fail(batch, attempt, null, $"vector {index} has {vector.Length} values where {dims} were expected{hint}");
            }

            vector.Span.CopyTo(result.AsSpan((batch.Start + index) * dims, dims));
        }

        if (answer.Usage is { } usage)
        {
            Interlocked.Add(ref _promptTokens, usage.InputTokenCount);
            Interlocked.Add(ref _totalTokens, usage.TotalTokenCount);
        }
    }

    private EmbeddingServiceException Fail(EmbeddingBatch batch, int attempts, int? status, string problem, Exception? cause = null) =>
        new($"Azure OpenAI embeddings failed at {_options.Endpoint} (deployment '{_options.Deployment}'), texts {batch.Start}-{batch.Last} " +
            $"({batch.Count} in the batch): {problem}",
            _options.Endpoint.ToString(), _options.Deployment, batch.Start, batch.Last, status, attempts, cause);

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_options.MaxRetryDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // jitter, not security
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (0.5 * Random.Shared.NextDouble())));
#pragma warning restore CA5394
    }

    /// <summary>The wait the service asked for, bounded by <see cref="AzureOpenAiEmbeddingOptions.MaxRetryDelay"/>; null when it named none.</summary>
    private TimeSpan? RetryAfter(PipelineResponse? response)
    {
        if (response is null)
        {
            return null;
        }

        TimeSpan? wait = null;
        foreach (var name in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (wait is null && response.Headers.TryGetValue(name, out var ms)
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
            {
                wait = TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        if (wait is null && response.Headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                wait = TimeSpan.FromSeconds(seconds);
            }
            else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                wait = when - DateTimeOffset.UtcNow;
            }
        }

        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, _options.MaxRetryDelay.Ticks)) : null;
    }

    /// <summary>"HTTP 429 (Too Many Requests): the service's error message".</summary>
    private static string Describe(ClientResultException e)
    {
        var response = e.GetRawResponse();
        var reason = string.IsNullOrEmpty(response?.ReasonPhrase) ? "" : $" ({response.ReasonPhrase})";
        var body = response?.Content?.ToString() ?? "";
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                body = message.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep the raw body.
        }

        return $"HTTP {e.Status}{reason}" + (string.IsNullOrWhiteSpace(body) ? "" : $": {Shorten(body)}");
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= DetailLength ? text : text[..DetailLength] + "…";
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static AzureOpenAIClient Connect(AzureOpenAiEmbeddingOptions options, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException($"the Azure OpenAI api key is empty (the caller usually reads it from {ApiKeyEnvironmentVariable}); or use Entra ID", nameof(apiKey));
        }

        return new AzureOpenAIClient(options.Endpoint, new ApiKeyCredential(apiKey), ClientOptions(options));
    }

    private static AzureOpenAIClient Connect(AzureOpenAiEmbeddingOptions options, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        options.Validate();
        return new AzureOpenAIClient(options.Endpoint, credential, ClientOptions(options));
    }

    private static AzureOpenAIClientOptions ClientOptions(AzureOpenAiEmbeddingOptions options) => new()
    {
        // Retries are ours (counted, bounded, Retry-After honoured); the per-attempt timeout too, so the
        // transport's own timeout only has to be longer.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = options.RequestTimeout + TimeSpan.FromSeconds(30),
        UserAgentApplicationId = "llmseqrec",
    };
}
