using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using LlmSeqRec.Pipeline;
using LlmSeqRec.Pipeline.Api;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Embedding;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.DurableHost;

/// <summary>
/// The local durable host behind <c>llmseqrec serve</c>: the pipeline's orchestrations on the Durable Task Azure
/// Storage backend, the completions-queue relay, and the pipeline HTTP API (the same handlers as the Functions
/// app) on 127.0.0.1, every request checked against the API key.
/// </summary>
public static class LocalPipelineHost
{
    /// <summary>Builds the host (not started).</summary>
    public static WebApplication Build(LocalHostOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException("an API key is required (the API is never served without one)");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        var container = new BlobContainerClient(options.Storage, options.Container);
        container.CreateIfNotExists();
        var store = new BlobArtifactStore(container);
        var jobs = new QueueJobDispatcher(new QueueClient(options.Storage, options.JobsQueue));
        var cache = options.CacheRoot ?? Path.Combine(Path.GetTempPath(), "llmseqrec-serve", options.TaskHub);
        builder.Services.AddPipelineServices(store, cache, jobs, EmbeddingProviderSettings.FromEnvironment(options.LocalThreads));
        builder.Services.AddSingleton<IArtifactStore>(store);

        var settings = new StorageTaskHubSettings(
            options.Storage, options.TaskHub, WorkItemVisibilityTimeout: options.WorkItemVisibilityTimeout, LeaseInterval: options.LeaseInterval).ToServiceSettings();
        builder.Services.AddSingleton(_ => new AzureStorageOrchestrationService(settings));
        builder.Services.AddSingleton<DurableTaskClient>(s => new TaskHubDurableTaskClient(s.GetRequiredService<AzureStorageOrchestrationService>()));
        builder.Services.AddHostedService<PipelineTaskHubWorker>();
        builder.Services.AddHostedService(s => new CompletionQueueRelay(
            new QueueClient(options.Storage, options.CompletionsQueue), s.GetRequiredService<DurableTaskClient>(), s.GetRequiredService<ILogger<CompletionQueueRelay>>()));
        builder.Services.AddSingleton(s => new PipelineHttpApi(new PipelineRuns(s.GetRequiredService<DurableTaskClient>(), store)));

        var app = builder.Build();
        var key = Encoding.UTF8.GetBytes(options.ApiKey);
        app.Use(async (http, next) =>
        {
            var given = http.Request.Headers["x-functions-key"].FirstOrDefault() ?? http.Request.Query["code"].FirstOrDefault() ?? "";
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), key))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await http.Response.WriteAsync("missing or wrong API key (header x-functions-key or query code)", http.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(http).ConfigureAwait(false);
        });
        var api = app.Services.GetRequiredService<PipelineHttpApi>();
        var route = "/" + PipelineHttpApi.Route;
        app.MapPost(route, api.StartAsync);
        app.MapGet(route, api.ListAsync);
        app.MapGet(route + "/{id}", (HttpContext http, string id) => api.GetAsync(http, id));
        app.MapPost(route + "/{id}/cancel", (HttpContext http, string id) => api.CancelAsync(http, id));
        app.MapGet(route + "/{id}/report", (HttpContext http, string id) => api.ReportAsync(http, id));
        return app;
    }
}
