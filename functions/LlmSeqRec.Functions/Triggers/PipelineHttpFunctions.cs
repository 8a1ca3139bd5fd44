using LlmSeqRec.Pipeline.Api;
using LlmSeqRec.Pipeline.Artifacts;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LlmSeqRec.Functions.Triggers;

/// <summary>
/// The pipeline's HTTP API (function keys): each trigger hands the request to <see cref="PipelineHttpApi"/>, which
/// writes the response, so the Functions app and <c>llmseqrec serve</c> answer alike. Routes are under the host's
/// <c>api</c> prefix: <c>POST pipelines</c>, <c>GET pipelines</c>, <c>GET pipelines/{id}</c>,
/// <c>POST pipelines/{id}/cancel</c>, <c>GET pipelines/{id}/report</c>.
/// </summary>
public sealed class PipelineHttpFunctions(IArtifactStore store)
{
    /// <summary><c>POST /api/pipelines[?id=]</c>: starts a run.</summary>
    [Function("StartPipeline")]
    public Task<IResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pipelines")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Respond(Api(client).StartAsync(request.HttpContext));

    /// <summary><c>GET /api/pipelines[?status=]</c>: the runs, newest first.</summary>
    [Function("ListPipelines")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pipelines")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Respond(Api(client).ListAsync(request.HttpContext));

    /// <summary><c>GET /api/pipelines/{id}</c>: one run.</summary>
    [Function("GetPipeline")]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pipelines/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client, string id) =>
        Respond(Api(client).GetAsync(request.HttpContext, id));

    /// <summary><c>POST /api/pipelines/{id}/cancel</c>: cancels a run and its jobs.</summary>
    [Function("CancelPipeline")]
    public Task<IResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pipelines/{id}/cancel")] HttpRequest request, [DurableClient] DurableTaskClient client, string id) =>
        Respond(Api(client).CancelAsync(request.HttpContext, id));

    /// <summary><c>GET /api/pipelines/{id}/report[?format=html|md|json]</c>: a run's report.</summary>
    [Function("GetPipelineReport")]
    public Task<IResult> ReportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pipelines/{id}/report")] HttpRequest request, [DurableClient] DurableTaskClient client, string id) =>
        Respond(Api(client).ReportAsync(request.HttpContext, id));

    private PipelineHttpApi Api(DurableTaskClient client) => new(new PipelineRuns(client, store));

    // The API has written the response; an empty result tells the ASP.NET Core integration that it is handled.
    private static async Task<IResult> Respond(Task handled)
    {
        await handled.ConfigureAwait(false);
        return Results.Empty;
    }
}
