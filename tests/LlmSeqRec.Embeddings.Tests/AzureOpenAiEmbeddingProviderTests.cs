using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using LlmSeqRec.DurableHost;
using LlmSeqRec.Embeddings.Providers;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Embeddings.Tests;

/// <summary>The real Azure.AI.OpenAI client against <see cref="OpenAiCompatibleServer"/> on 127.0.0.1.</summary>
public sealed class AzureOpenAiEmbeddingProviderTests : IAsyncDisposable
{
    private const string Deployment = "emb-small";
    private const string ApiKey = "test-key-not-a-secret";
    private const int Dims = 16;
    private readonly OpenAiCompatibleServer _server = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private AzureOpenAiEmbeddingOptions Options() => new()
    {
        Endpoint = _server.Endpoint,
        Deployment = Deployment,
        Model = "text-embedding-3-small",
        Dimensions = Dims,
        RequestTimeout = TimeSpan.FromSeconds(5),
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
    };

    private static string[] Texts(int count) => [.. Enumerable.Range(0, count).Select(i => $"item {i} rose cream")];

    private static void AssertVectors(string[] texts, float[] actual, int dims = Dims)
    {
        Assert.Equal(texts.Length * dims, actual.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(OpenAiCompatibleServer.VectorFor(texts[i], dims), actual.AsSpan(i * dims, dims).ToArray());
        }
    }

    [Fact]
    public async Task Batches_keep_the_order_and_send_the_api_key_dimensions_and_base64_request()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options() with { MaxInputsPerRequest = 2, MaxConcurrency = 1 }, ApiKey);
        var texts = Texts(5);
        var progress = new RecordingProgress();

        var vectors = await provider.EmbedAsync(texts, progress);

        AssertVectors(texts, vectors);
        Assert.Equal(new EmbeddingModelId("azure-openai", "text-embedding-3-small", Dims), provider.Model);
        var requests = _server.Requests;
        Assert.Equal([2, 2, 1], requests.Select(r => r.Inputs.Count));
        Assert.Equal(texts, requests.SelectMany(r => r.Inputs));
        Assert.All(requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal($"/openai/deployments/{Deployment}/embeddings", r.Path);
            Assert.False(string.IsNullOrEmpty(r.ApiVersion));
            Assert.Equal(ApiKey, r.ApiKey);
            Assert.Null(r.Authorization);
            Assert.Equal(Dims, r.Dimensions);
            Assert.Equal("base64", r.EncodingFormat);
        });
        var tokens = texts.Sum(OpenAiCompatibleServer.TokensFor);
        Assert.Equal(new EmbeddingUsage(tokens, tokens, Requests: 3, Retries: 0), provider.Usage);
        Assert.Equal([2, 4, 5], progress.Values);
    }

    [Fact]
    public async Task Concurrent_batches_finishing_out_of_order_keep_the_order()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options() with { MaxInputsPerRequest = 3, MaxConcurrency = 4 }, ApiKey);
        var texts = Texts(48);
        // Earlier batches answer later, so completions come out of order.
        _server.ResponseDelay = inputs => TimeSpan.FromMilliseconds(5 * (48 - Array.IndexOf(texts, inputs[0])));
        var progress = new RecordingProgress();

        var vectors = await provider.EmbedAsync(texts, progress);

        // Each text sent exactly once (a request options object shared between concurrent calls of the client
        // made batches send each other's texts), and every row in place.
        var requests = _server.Requests;
        Assert.Equal(16, requests.Count);
        Assert.Equal(texts.Order(), requests.SelectMany(r => r.Inputs).Order());
        AssertVectors(texts, vectors);
        Assert.InRange(_server.MaxInFlight, 2, 4);
        Assert.Equal(48, progress.Values[^1]);
        Assert.Equal(progress.Values.Order(), progress.Values);
    }

    [Fact]
    public async Task Concurrent_requests_each_send_their_own_texts()
    {
        // The client writes the inputs into the request options object it is given: one shared between concurrent
        // calls made batches send each other's texts. Calls that start together expose it; repeat to be sure.
        var provider = new AzureOpenAiEmbeddingProvider(Options() with { MaxInputsPerRequest = 2, MaxConcurrency = 4 }, ApiKey);
        var texts = Texts(16);
        for (var round = 0; round < 50; round++)
        {
            var vectors = await provider.EmbedAsync(texts);
            AssertVectors(texts, vectors);
        }

        Assert.Equal(Enumerable.Repeat(texts, 50).SelectMany(t => t).Order(), _server.Requests.SelectMany(r => r.Inputs).Order());
    }

    [Fact]
    public async Task A_token_budget_splits_batches_and_sends_an_oversized_text_alone()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options() with { MaxTokensPerRequest = 100, MaxConcurrency = 1 }, ApiKey);
        string[] texts = [new('a', 40), new('b', 40), new('c', 40), new('d', 250), new('e', 40)];

        var vectors = await provider.EmbedAsync(texts);

        AssertVectors(texts, vectors);
        Assert.Equal([2, 1, 1, 1], _server.Requests.Select(r => r.Inputs.Count));
    }

    [Fact]
    public async Task Without_dimensions_the_native_length_is_used_and_none_is_sent()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options() with { Dimensions = null }, ApiKey);
        string[] texts = ["Maybelline Great Lash Mascara"];

        var vectors = await provider.EmbedAsync(texts);

        Assert.Equal(1536, provider.Model.Dimensions);
        AssertVectors(texts, vectors, 1536);
        Assert.Null(Assert.Single(_server.Requests).Dimensions);
    }

    [Fact]
    public async Task A_vector_of_another_length_than_asked_is_a_clear_error()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options(), ApiKey);
        _server.Enqueue(ServerFault.WrongLength(8));

        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => provider.EmbedAsync(Texts(2)));

        Assert.Contains("8 values where 16 were expected", error.Message);
        Assert.Contains("dimensions=16", error.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Retry_after_on_429_is_honoured()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options(), ApiKey);
        _server.Enqueue(ServerFault.Error(429, retryAfter: "1"));
        var texts = Texts(3);

        var vectors = await provider.EmbedAsync(texts);

        AssertVectors(texts, vectors);
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        var waited = requests[1].ReceivedAt - requests[0].ReceivedAt;
        Assert.InRange(waited, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(6));
        Assert.Equal(2, provider.Usage.Requests);
        Assert.Equal(1, provider.Usage.Retries);
        var tokens = texts.Sum(OpenAiCompatibleServer.TokensFor);
        Assert.Equal(tokens, provider.Usage.PromptTokens);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_a_growing_back_off()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options() with { RetryBaseDelay = TimeSpan.FromMilliseconds(40) }, ApiKey);
        _server.Enqueue(ServerFault.Error(500), ServerFault.Error(502), ServerFault.Error(503));
        var texts = Texts(2);

        var vectors = await provider.EmbedAsync(texts);

        AssertVectors(texts, vectors);
        var at = _server.Requests.Select(r => r.ReceivedAt).ToArray();
        Assert.Equal(4, at.Length);
        // Waits are 40·2^(n-1) ms with jitter in [50%, 100%]: at least 20, 40 and 80 ms.
        Assert.True(at[1] - at[0] >= TimeSpan.FromMilliseconds(18), $"first wait {at[1] - at[0]}");
        Assert.True(at[2] - at[1] >= TimeSpan.FromMilliseconds(38), $"second wait {at[2] - at[1]}");
        Assert.True(at[3] - at[2] >= TimeSpan.FromMilliseconds(78), $"third wait {at[3] - at[2]}");
        var tokens = texts.Sum(OpenAiCompatibleServer.TokensFor);
        Assert.Equal(new EmbeddingUsage(tokens, tokens, Requests: 4, Retries: 3), provider.Usage);
    }

    [Fact]
    public async Task When_retries_run_out_the_error_names_endpoint_deployment_batch_and_status()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options() with { MaxRetries = 2 }, ApiKey);
        _server.Enqueue(ServerFault.Error(500), ServerFault.Error(500), ServerFault.Error(500));

        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => provider.EmbedAsync(Texts(3)));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal((0, 2, 500, 3), (error.FirstIndex, error.LastIndex, error.Status, error.Attempts));
        Assert.Equal(Deployment, error.Deployment);
        Assert.Contains(_server.Endpoint.ToString(), error.Message);
        Assert.Contains($"deployment '{Deployment}'", error.Message);
        Assert.Contains("texts 0-2", error.Message);
        Assert.Contains("HTTP 500", error.Message);
        Assert.Contains("scripted failure 500", error.Message);
        Assert.Contains("gave up after 3 attempts", error.Message);
    }

    [Fact]
    public async Task A_refused_request_fails_at_once_naming_its_batch()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options() with { MaxInputsPerRequest = 2, MaxConcurrency = 1 }, ApiKey);
        _server.Enqueue(ServerFault.None, ServerFault.Error(400));

        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => provider.EmbedAsync(Texts(6)));

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal((2, 3, 400, 1), (error.FirstIndex, error.LastIndex, error.Status, error.Attempts));
        Assert.Contains("texts 2-3", error.Message);
        Assert.Contains("HTTP 400", error.Message);
    }

    [Theory]
    [InlineData("{not json", "malformed answer")]
    [InlineData("""{"object":"list","data":[],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""", "0 vectors for 2 texts")]
    [InlineData("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":"AACAPw=="},{"object":"embedding","index":0,"embedding":"AACAPw=="}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""", "vector index 0 is out of range 0-1 or repeated")]
    [InlineData("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":"!!"},{"object":"embedding","index":1,"embedding":"!!"}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""", "malformed answer")]
    public async Task A_malformed_answer_is_a_clear_error_without_retry(string body, string expected)
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options(), ApiKey);
        _server.Enqueue(ServerFault.Malformed(body));

        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => provider.EmbedAsync(Texts(2)));

        Assert.Contains(expected, error.Message);
        Assert.Contains("texts 0-1", error.Message);
        Assert.Null(error.Status);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_the_retry_succeeds()
    {
        // The timeout leaves the retried (normal) answer ample time even on a loaded machine.
        var provider = new AzureOpenAiEmbeddingProvider(Options() with { RequestTimeout = TimeSpan.FromSeconds(1) }, ApiKey);
        _server.Enqueue(ServerFault.Slow(TimeSpan.FromSeconds(10)));
        var texts = Texts(2);
        var clock = Stopwatch.StartNew();

        var vectors = await provider.EmbedAsync(texts);

        AssertVectors(texts, vectors);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(990), TimeSpan.FromSeconds(8));
        Assert.Equal(1, provider.Usage.Retries);
    }

    [Fact]
    public async Task Timeouts_that_persist_are_a_clear_error()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options() with { RequestTimeout = TimeSpan.FromMilliseconds(250), MaxRetries = 1 }, ApiKey);
        _server.Enqueue(ServerFault.Slow(TimeSpan.FromSeconds(10)), ServerFault.Slow(TimeSpan.FromSeconds(10)));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => provider.EmbedAsync(Texts(2)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(490), TimeSpan.FromSeconds(8));
        Assert.Contains("no answer within the request timeout of 0.25 s", error.Message);
        Assert.Contains("gave up after 2 attempts", error.Message);
        Assert.Null(error.Status);
    }

    [Fact]
    public async Task A_network_failure_is_retried_then_reported()
    {
        var closedPort = LoopbackPort.Free();
        var options = Options() with { Endpoint = new Uri($"http://127.0.0.1:{closedPort}/"), MaxRetries = 1 };
        var provider = new AzureOpenAiEmbeddingProvider(options, ApiKey);

        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => provider.EmbedAsync(Texts(2)));

        Assert.Contains("network failure", error.Message);
        Assert.Contains("gave up after 2 attempts", error.Message);
        Assert.Equal((null, 2), (error.Status, error.Attempts));
        Assert.Equal(1, provider.Usage.Retries);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_a_service_error()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options(), ApiKey);
        _server.Enqueue(ServerFault.Slow(TimeSpan.FromSeconds(10)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.EmbedAsync(Texts(2), cancellationToken: cancel.Token));

        Assert.Equal(0, provider.Usage.Retries);
    }

    [Fact]
    public async Task A_token_credential_sends_a_bearer_token_and_no_api_key()
    {
        var credential = new FakeCredential();
        var provider = new AzureOpenAiEmbeddingProvider(Options(), credential);
        var texts = Texts(2);

        var vectors = await provider.EmbedAsync(texts);

        AssertVectors(texts, vectors);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer " + FakeCredential.Token, request.Authorization);
        Assert.Null(request.ApiKey);
        Assert.Contains("https://cognitiveservices.azure.com/.default", credential.Scopes);
    }

    [Fact]
    public async Task Empty_input_gives_an_empty_result_without_a_request()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options(), ApiKey);

        Assert.Empty(await provider.EmbedAsync([]));
        Assert.Empty(_server.Requests);
        Assert.Equal(new EmbeddingUsage(0, 0, 0, 0), provider.Usage);
    }

    [Fact]
    public async Task A_blank_text_is_rejected_before_any_request()
    {
        var provider = new AzureOpenAiEmbeddingProvider(Options(), ApiKey);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => provider.EmbedAsync(["fine", " "]));

        Assert.Contains("text 1 is empty", error.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void Valid_options_have_no_problems()
    {
        Assert.Empty(Options().Problems());
        Assert.Empty((Options() with { Endpoint = new Uri("https://my-resource.openai.azure.com/"), Dimensions = null }).Problems());
        Assert.Empty((Options() with { Model = "text-embedding-ada-002", Dimensions = null }).Problems());
        Assert.Empty((Options() with { Model = "my-custom-model", Dimensions = 768 }).Problems());
    }

    public static TheoryData<AzureOpenAiEmbeddingOptions, string> InvalidOptions()
    {
        var valid = new AzureOpenAiEmbeddingOptions
        {
            Endpoint = new Uri("https://my-resource.openai.azure.com/"),
            Deployment = Deployment,
            Model = "text-embedding-3-small",
        };
        return new()
        {
            { valid with { Endpoint = new Uri("my-resource", UriKind.Relative) }, "is not an absolute URL" },
            { valid with { Endpoint = new Uri("http://my-resource.openai.azure.com/") }, "must use https" },
            { valid with { Deployment = " " }, "deployment ' ' must be a non-empty deployment name" },
            { valid with { Deployment = "a/b" }, "without '/'" },
            { valid with { Model = "" }, "model must name the model" },
            { valid with { Model = "my-custom-model" }, "the output length of model 'my-custom-model' is not known here; set dimensions" },
            { valid with { Dimensions = 0 }, "dimensions 0 must be at least 1" },
            { valid with { Dimensions = 2000 }, "dimensions 2000 exceed the 1536 of text-embedding-3-small" },
            { valid with { Model = "text-embedding-ada-002", Dimensions = 256 }, "has a fixed length of 1536" },
            { valid with { MaxInputsPerRequest = 2049 }, "max inputs per request 2049 must be between 1 and 2048" },
            { valid with { MaxTokensPerRequest = 0 }, "max tokens per request 0 must be at least 1" },
            { valid with { MaxConcurrency = 0 }, "max concurrency 0 must be between 1 and 64" },
            { valid with { MaxRetries = -1 }, "max retries -1 must be between 0 and 20" },
            { valid with { RequestTimeout = TimeSpan.Zero }, "request timeout 0 s must be above 0 s" },
            { valid with { RetryBaseDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromSeconds(5) }, "max retry delay 5 s must be at least the retry base delay 10 s" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_with_a_clear_message(AzureOpenAiEmbeddingOptions options, string expected)
    {
        Assert.Contains(options.Problems(), p => p.Contains(expected, StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => new AzureOpenAiEmbeddingProvider(options, ApiKey));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_empty_api_key_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureOpenAiEmbeddingProvider(Options(), ""));
        Assert.Contains(AzureOpenAiEmbeddingProvider.ApiKeyEnvironmentVariable, error.Message);
    }

    /// <summary>Records progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class RecordingProgress : IProgress<int>
    {
        private readonly ConcurrentQueue<int> _values = new();

        public int[] Values => [.. _values];

        public void Report(int value) => _values.Enqueue(value);
    }

    /// <summary>An Entra ID stand-in: a fixed token, and the scopes asked for.</summary>
    private sealed class FakeCredential : TokenCredential
    {
        public const string Token = "fake-entra-token";
        private readonly ConcurrentQueue<string> _scopes = new();

        public string[] Scopes => [.. _scopes];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                _scopes.Enqueue(scope);
            }

            return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
