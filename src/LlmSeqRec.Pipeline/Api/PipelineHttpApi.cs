using System.Text.Json;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Specification;
using Microsoft.AspNetCore.Http;

namespace LlmSeqRec.Pipeline.Api;

/// <summary>
/// The HTTP API of the pipeline, written once and served by both hosts (the Functions app's HTTP triggers and
/// <c>llmseqrec serve</c>), so the two answer the same requests the same way:
/// <list type="bullet">
/// <item><c>POST /api/pipelines[?id=]</c>: start a run from the spec in the body: 202 with the id and the status, report and cancel URLs (Location = status); 400 with every spec error; 409 for an id used before.</item>
/// <item><c>GET /api/pipelines/{id}</c>: the run: 202 while it runs, 200 once it has ended; 404.</item>
/// <item><c>GET /api/pipelines[?status=]</c>: the runs, newest first.</item>
/// <item><c>POST /api/pipelines/{id}/cancel</c>: 202; 404; 409 when it has ended.</item>
/// <item><c>GET /api/pipelines/{id}/report[?format=html|md|json]</c>: the report; 404 until it exists.</item>
/// </list>
/// </summary>
public sealed class PipelineHttpApi(PipelineRuns runs)
{
    /// <summary>The route prefix of the API.</summary>
    public const string Route = "api/pipelines";

    private static readonly JsonSerializerOptions Json = PipelineStorage.JsonOptions;

    /// <summary><c>POST /api/pipelines</c>.</summary>
    public async Task StartAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        string id;
        try
        {
            id = await runs.StartAsync(body, http.Request.Query["id"].FirstOrDefault(), http.RequestAborted).ConfigureAwait(false);
        }
        catch (PipelineSpecException e)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, new { error = "invalid pipeline spec", errors = e.Errors }).ConfigureAwait(false);
            return;
        }
        catch (InvalidOperationException e)
        {
            await WriteAsync(http, StatusCodes.Status409Conflict, new { error = e.Message, errors = Array.Empty<SpecError>() }).ConfigureAwait(false);
            return;
        }

        var links = Links(http.Request, id);
        http.Response.Headers.Location = links.StatusQueryGetUri;
        await WriteAsync(http, StatusCodes.Status202Accepted, links).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/pipelines/{id}</c>.</summary>
    public async Task GetAsync(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        var run = await runs.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (run is null)
        {
            await NotFoundAsync(http, id).ConfigureAwait(false);
            return;
        }

        var ended = run.Status is "Completed" or "Failed" or "Terminated";
        await WriteAsync(http, ended ? StatusCodes.Status200OK : StatusCodes.Status202Accepted, run).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/pipelines?status=</c>.</summary>
    public async Task ListAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            var list = await runs.ListAsync(http.Request.Query["status"].FirstOrDefault(), cancellationToken: http.RequestAborted).ConfigureAwait(false);
            await WriteAsync(http, StatusCodes.Status200OK, list).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, new { error = e.Message }).ConfigureAwait(false);
        }
    }

    /// <summary><c>POST /api/pipelines/{id}/cancel</c>.</summary>
    public async Task CancelAsync(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        var run = await runs.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (run is null)
        {
            await NotFoundAsync(http, id).ConfigureAwait(false);
            return;
        }

        var cancelled = await runs.CancelAsync(id, "cancelled over the HTTP API", http.RequestAborted).ConfigureAwait(false);
        await WriteAsync(http, cancelled ? StatusCodes.Status202Accepted : StatusCodes.Status409Conflict, cancelled
            ? new { id, status = "Terminated", error = (string?)null }
            : new { id, status = run.Status, error = (string?)$"run '{id}' has already ended ({run.Status})" }).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/pipelines/{id}/report?format=</c>.</summary>
    public async Task ReportAsync(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        (Stream Content, string ContentType)? report;
        try
        {
            report = await runs.ReportAsync(id, http.Request.Query["format"].FirstOrDefault() ?? "html", http.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, new { error = e.Message }).ConfigureAwait(false);
            return;
        }

        if (report is not { } found)
        {
            await WriteAsync(http, StatusCodes.Status404NotFound, new { error = $"run '{id}' has no report (yet)" }).ConfigureAwait(false);
            return;
        }

        await using var content = found.Content;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = found.ContentType;
        await content.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The URLs of a run, relative to the request's host.</summary>
    public static RunLinks Links(HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}/{Route}/{Uri.EscapeDataString(id)}";
        return new RunLinks(id, root, $"{root}/report", $"{root}/cancel");
    }

    private static Task NotFoundAsync(HttpContext http, string id) =>
        WriteAsync(http, StatusCodes.Status404NotFound, new { error = $"no pipeline run '{id}'" });

    private static async Task WriteAsync<T>(HttpContext http, int status, T body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, body, Json, http.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>The answer to a started run: its id and where to follow it.</summary>
public sealed record RunLinks(string Id, string StatusQueryGetUri, string ReportUri, string CancelPostUri);
