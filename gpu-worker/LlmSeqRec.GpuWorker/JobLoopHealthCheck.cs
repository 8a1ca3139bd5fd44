using LlmSeqRec.Worker;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace LlmSeqRec.GpuWorker;

/// <summary>
/// The worker's liveness: healthy while the job loop (<see cref="JobQueueWorker"/>, a background service) runs;
/// unhealthy before it has started, once it has failed or ended (an idle exit says so), and while the host shuts down. The health
/// endpoint answers 200 or 503 with one line of text saying which.
/// </summary>
public sealed class JobLoopHealthCheck(JobQueueWorker worker, IHostApplicationLifetime lifetime) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(worker.ExecuteTask switch
        {
            null => HealthCheckResult.Unhealthy("the job loop has not started"),
            { IsFaulted: true } failed => HealthCheckResult.Unhealthy($"the job loop failed: {Describe(failed.Exception!.InnerException ?? failed.Exception)}"),
            { IsCompleted: true } when worker.EndedIdle => HealthCheckResult.Unhealthy("the job loop has ended: no job came within the idle exit time"),
            { IsCompleted: true } => HealthCheckResult.Unhealthy("the job loop has ended"),
            _ when lifetime.ApplicationStopping.IsCancellationRequested => HealthCheckResult.Unhealthy("the worker is shutting down"),
            _ => HealthCheckResult.Healthy("the job loop is running"),
        });

    /// <summary>Writes the report as one line, e.g. <c>Healthy: the job loop is running</c>.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var details = string.Join("; ", report.Entries.Values.Select(e => e.Description));
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"{report.Status}: {details}\n", context.RequestAborted);
    }

    /// <summary>The exception's type and the first line of its message (storage errors add many lines of headers).</summary>
    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message.Split('\n', 2)[0].TrimEnd()}";
}
