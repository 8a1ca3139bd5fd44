using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Specialized;
using LlmSeqRec.TestSupport;
using LlmSeqRec.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlmSeqRec.GpuWorker.Tests;

/// <summary>The worker's host in this process on Azurite: settings from configuration, the health endpoint's answers.</summary>
public sealed class GpuWorkerHostTests
{
    [AzuriteFact]
    public async Task The_host_runs_the_job_loop_on_its_configured_settings_and_answers_200_while_it_runs()
    {
        var name = Azurite.UniqueName("gw");
        await using var app = GpuWorkerHost.Build(
        [
            $"--{SettingNames.Storage}={Azurite.ConnectionString}", $"--{SettingNames.Container}={name}", $"--{SettingNames.JobsQueue}={name}-jobs",
            $"--{SettingNames.CompletionsQueue}={name}-done", $"--{SettingNames.LeaseSeconds}=30", $"--{SettingNames.MaxAttempts}=4",
            $"--{SettingNames.ShutdownSeconds}=12", $"--{SettingNames.HealthPort}=0",
        ]);

        Assert.Equal(
            new WorkerOptions(Azurite.ConnectionString, name, $"{name}-jobs", $"{name}-done", null, TimeSpan.FromSeconds(30), 4, TimeSpan.FromSeconds(1)),
            app.Services.GetRequiredService<WorkerOptions>());
        Assert.Equal(TimeSpan.FromSeconds(12), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.Equal("the job loop has not started", (await CheckAsync(app)).Description);

        await app.StartAsync();
        // The loop works on the configured storage: it creates its queues.
        await WaitUntilAsync(async () => (await new QueueClient(Azurite.ConnectionString, $"{name}-jobs").ExistsAsync()).Value, TimeSpan.FromSeconds(60));
        var (status, text) = await GetHealthAsync(app);
        Assert.Equal((200, "Healthy: the job loop is running"), (status, text));

        await app.StopAsync();
        Assert.True(app.Services.GetRequiredService<JobQueueWorker>().ExecuteTask!.IsCompleted);
        Assert.Equal("the job loop has ended", (await CheckAsync(app)).Description);
    }

    [AzuriteFact]
    public async Task The_health_endpoint_answers_503_with_the_reason_once_the_job_loop_has_failed()
    {
        var name = Azurite.UniqueName("gw");
        await using var app = GpuWorkerHost.Build(
        [
            $"--{SettingNames.Storage}={WrongKeyStorage.ConnectionString}", $"--{SettingNames.Container}={name}",
            $"--{SettingNames.JobsQueue}={name}-jobs", $"--{SettingNames.CompletionsQueue}={name}-done", $"--{SettingNames.HealthPort}=0",
        ]);
        await app.StartAsync();

        var loop = app.Services.GetRequiredService<JobQueueWorker>();
        await WaitUntilAsync(() => Task.FromResult(loop.ExecuteTask is { IsCompleted: true }), TimeSpan.FromSeconds(60));
        Assert.True(loop.ExecuteTask!.IsFaulted);
        var (status, text) = await GetHealthAsync(app);

        Assert.Equal(503, status);
        Assert.StartsWith("Unhealthy: the job loop failed: RequestFailedException: Server failed to authenticate the request", text, StringComparison.Ordinal);
        // The host has been asked to stop: the process would end (with exit code 1) and the container restart.
        Assert.True(app.Lifetime.ApplicationStopping.IsCancellationRequested);
        await app.StopAsync();
    }

    [AzuriteFact]
    public async Task An_idle_exit_stops_the_host_as_a_normal_end_not_a_failure()
    {
        var name = Azurite.UniqueName("gw");
        await using var app = GpuWorkerHost.Build(
        [
            $"--{SettingNames.Storage}={Azurite.ConnectionString}", $"--{SettingNames.Container}={name}", $"--{SettingNames.JobsQueue}={name}-jobs",
            $"--{SettingNames.CompletionsQueue}={name}-done", $"--{SettingNames.IdleExitSeconds}=1", $"--{SettingNames.PollSeconds}=0.1", $"--{SettingNames.HealthPort}=0",
        ]);
        await app.StartAsync();

        var loop = app.Services.GetRequiredService<JobQueueWorker>();
        await WaitUntilAsync(() => Task.FromResult(loop.ExecuteTask is { IsCompleted: true }), TimeSpan.FromSeconds(60));

        // Completed, not faulted (GpuWorkerHost.RunAsync's exit code is 0), and the host has been asked to stop.
        Assert.True(loop.ExecuteTask!.IsCompletedSuccessfully);
        Assert.True(loop.EndedIdle);
        Assert.True(app.Lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Equal("the job loop has ended: no job came within the idle exit time", (await CheckAsync(app)).Description);
        await app.StopAsync();
    }

    [Fact]
    public async Task With_the_two_service_uris_the_blob_and_queue_clients_are_built_on_them()
    {
        await using var app = GpuWorkerHost.Build(
        [
            $"--{SettingNames.StorageBlobUri}=https://account.blob.core.windows.net", $"--{SettingNames.StorageQueueUri}=https://account.queue.core.windows.net",
            $"--{SettingNames.Container}=artifacts", $"--{SettingNames.JobsQueue}=gpu-jobs", $"--{SettingNames.HealthPort}=0",
        ]);

        Assert.True(app.Services.GetRequiredService<WorkerStorageAccount>().UsesIdentity);
        Assert.Equal(new Uri("https://account.blob.core.windows.net/artifacts"), app.Services.GetRequiredService<BlobContainerClient>().Uri);
        var queues = app.Services.GetRequiredService<QueueServiceClient>();
        Assert.Equal(new Uri("https://account.queue.core.windows.net/"), queues.Uri);
        // PoisonMessages derives the poison queue from the jobs queue's client: on the same service.
        Assert.Equal(new Uri("https://account.queue.core.windows.net/gpu-jobs-poison"), queues.GetQueueClient("gpu-jobs").GetParentQueueServiceClient().GetQueueClient("gpu-jobs-poison").Uri);
    }

    private static async Task<HealthReportEntry> CheckAsync(WebApplication app) =>
        (await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["job-loop"];

    private static async Task<(int Status, string Text)> GetHealthAsync(WebApplication app)
    {
        var port = new Uri(app.Urls.Single().Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}{GpuWorkerHost.HealthPath}"));
        return ((int)response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            await Task.Delay(50, cancel.Token);
        }
    }
}
