using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmSeqRec.DurableHost;

namespace LlmSeqRec.TestSupport;

/// <summary>
/// An OpenAI-compatible embeddings server on 127.0.0.1 (plain http, a free port) for driving the real Azure OpenAI
/// client: <c>POST /openai/deployments/{deployment}/embeddings</c> answers deterministic vectors derived from each
/// input text (<see cref="VectorFor"/>), as base64 float32 when asked (the client's default) or as JSON numbers,
/// with usage counted by <see cref="TokensFor"/>. Faults queued with <see cref="Enqueue"/> answer the next
/// requests in arrival order. Every request is recorded.
/// </summary>
public sealed partial class OpenAiCompatibleServer : IAsyncDisposable
{
    // The client decodes the base64 string's raw JSON text, so '+' must not be escaped as \u002B (nor is it by the service).
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<ServerFault> _faults = new();
    private readonly ConcurrentQueue<ServerRequest> _requests = new();
    private readonly ConcurrentDictionary<Task, byte> _handlers = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;
    private int _inFlight;
    private int _maxInFlight;

    /// <param name="nativeDimensions">Vector length when a request names none.</param>
    public OpenAiCompatibleServer(int nativeDimensions = 1536)
    {
        NativeDimensions = nativeDimensions;
        (_listener, Endpoint) = Listen();
        _loop = AcceptAsync();
    }

    /// <summary>The endpoint to give the client, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Vector length when a request names none.</summary>
    public int NativeDimensions { get; }

    /// <summary>Extra delay before answering a normal request, from its inputs (to make batches finish out of order).</summary>
    public Func<IReadOnlyList<string>, TimeSpan>? ResponseDelay { get; set; }

    /// <summary>Requests so far, in arrival order.</summary>
    public IReadOnlyList<ServerRequest> Requests => [.. _requests];

    /// <summary>The most requests ever handled at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Answers the next requests with <paramref name="faults"/>, one each, in order.</summary>
    public void Enqueue(params ServerFault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>The vector served for <paramref name="text"/>: pseudo-random values in [-1, 1) seeded by the text.</summary>
    public static float[] VectorFor(string text, int dimensions)
    {
        var state = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            state = (state ^ b) * 1099511628211UL;
        }

        var vector = new float[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            vector[d] = (float)((state >> 40) / (double)(1UL << 24) * 2 - 1);
        }

        return vector;
    }

    /// <summary>The tokens the server bills for <paramref name="text"/>: one per space-separated word.</summary>
    public static int TokensFor(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static (HttpListener Listener, Uri Endpoint) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var listener = new HttpListener();
            var prefix = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return (listener, new Uri(prefix));
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var handler = Task.Run(() => HandleAsync(context));
            _handlers.TryAdd(handler, 0);
            _ = handler.ContinueWith(t => _handlers.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            await AnswerAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client gave up (timeout) or the server is stopping.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            try
            {
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(_stopping.Token).ConfigureAwait(false);
        }

        var path = request.Url?.AbsolutePath ?? "";
        var json = JsonNode.Parse(body.Length == 0 ? "{}" : body)?.AsObject() ?? [];
        var inputs = json["input"] switch
        {
            JsonArray array => array.Select(x => x?.GetValue<string>() ?? "").ToList(),
            JsonValue value => [value.GetValue<string>()],
            _ => new List<string>(),
        };
        var dimensions = json["dimensions"]?.GetValue<int>();
        var format = json["encoding_format"]?.GetValue<string>();
        _requests.Enqueue(new ServerRequest(request.HttpMethod, path, request.QueryString["api-version"], request.Headers["api-key"],
            request.Headers["Authorization"], inputs, dimensions, format, _clock.Elapsed));

        if (request.HttpMethod != "POST" || !EmbeddingsPath().IsMatch(path))
        {
            await WriteAsync(context, 404, ErrorBody("404", $"no route for {request.HttpMethod} {path}")).ConfigureAwait(false);
            return;
        }

        var fault = _faults.TryDequeue(out var next) ? next : ServerFault.None;
        var delay = fault.Delay + (fault == ServerFault.None && ResponseDelay is { } extra ? extra(inputs) : TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
        }

        if (fault.Status != 200)
        {
            if (fault.RetryAfter is not null)
            {
                context.Response.AddHeader("Retry-After", fault.RetryAfter);
            }

            await WriteAsync(context, fault.Status, ErrorBody(fault.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"scripted failure {fault.Status}")).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, 200, fault.Body ?? Embeddings(inputs, fault.Dimensions ?? dimensions ?? NativeDimensions, format)).ConfigureAwait(false);
    }

    private static string Embeddings(List<string> inputs, int dimensions, string? format)
    {
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = VectorFor(inputs[i], dimensions);
            JsonNode embedding = format == "base64"
                ? Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()))
                : new JsonArray([.. vector.Select(v => (JsonNode)v)]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var tokens = inputs.Sum(TokensFor);
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = "text-embedding-3-small",
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        }.ToJsonString(Unescaped);
    }

    private static string ErrorBody(string code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString();

    private static async Task WriteAsync(HttpListenerContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }

    [GeneratedRegex("^/openai/deployments/[^/]+/embeddings$")]
    private static partial Regex EmbeddingsPath();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
        await Task.WhenAll(_handlers.Keys).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
