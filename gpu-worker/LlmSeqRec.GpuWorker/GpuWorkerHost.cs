using LlmSeqRec.Tensors;
using LlmSeqRec.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.GpuWorker;

/// <summary>
/// The GPU worker's host: the job loop of <see cref="WorkerServices.AddGpuWorker"/> configured from
/// <see cref="GpuWorkerSettings"/>, single-line console logs, a shutdown that waits for the loop to hand its job
/// back, and the liveness endpoint <see cref="HealthPath"/> (Kestrel, all interfaces, <see cref="SettingNames.HealthPort"/>).
/// </summary>
/// <remarks>
/// A web application builder is the generic host's application builder plus Kestrel; everything else is the
/// worker's. The loop failing (storage unreachable, bad credentials) stops the host and the process exits with 1,
/// so a container restart policy applies; the endpoint reports the failure while the host stops. The loop ending
/// after <see cref="SettingNames.IdleExitSeconds"/> without a job stops the host too, as a shutdown (exit code 0).
/// </remarks>
public static partial class GpuWorkerHost
{
    /// <summary>The path of the liveness endpoint.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Builds the host from the configuration (environment variables, then <paramref name="args"/> as <c>--NAME=value</c>).</summary>
    /// <exception cref="GpuWorkerSettingsException">A setting is missing or invalid.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var settings = GpuWorkerSettings.Read(builder.Configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(settings.HealthPort));
        builder.Services.AddSingleton(settings);
        builder.Services.AddGpuWorker(settings.Worker);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.AddHealthChecks().AddCheck<JobLoopHealthCheck>("job-loop");
        var app = builder.Build();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = JobLoopHealthCheck.WriteAsync });
        return app;
    }

    /// <summary>Runs the worker until SIGTERM, Ctrl+C or an idle exit.</summary>
    /// <returns>0 after a shutdown or an idle exit, 1 when the job loop failed or libtorch did not load, 2 for bad settings.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (GpuWorkerSettingsException e)
        {
            foreach (var error in e.Errors)
            {
                await Console.Error.WriteLineAsync($"llmseqrec-gpu-worker: invalid setting {error}").ConfigureAwait(false);
            }

            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            // Load libtorch now: a container without usable natives fails here, not in every job it takes.
            try
            {
                if (app.Services.GetRequiredService<GpuWorkerSettings>().Threads is { } threads)
                {
                    TorchRuntime.SetThreads(threads);
                }

                LogTorch(app.Logger, TorchRuntime.Threads, TorchRuntime.CudaAvailable ? "available" : "not available (jobs run on the CPU)");
            }
            catch (TorchLoadException e)
            {
                await Console.Error.WriteLineAsync($"llmseqrec-gpu-worker: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            var worker = app.Services.GetRequiredService<GpuWorkerSettings>().Worker;
            if (worker.BlobServiceUri is { } blob && worker.QueueServiceUri is { } queue)
            {
                LogIdentity(app.Logger, blob, queue, string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AZURE_CLIENT_ID")) ? "system-assigned or developer" : "user-assigned (AZURE_CLIENT_ID)");
            }

            var loop = app.Services.GetRequiredService<JobQueueWorker>();
            await app.RunAsync().ConfigureAwait(false);
            // A loop that ended by itself (idle exit) or was stopped has completed normally: only a fault is a failure.
            return loop.ExecuteTask is { IsFaulted: true } ? 1 : 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "storage: {Blob} and {Queue} with DefaultAzureCredential, {Identity} identity")]
    private static partial void LogIdentity(ILogger logger, Uri blob, Uri queue, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "libtorch loaded: {Threads} threads, CUDA {Cuda}")]
    private static partial void LogTorch(ILogger logger, int threads, string cuda);
}
