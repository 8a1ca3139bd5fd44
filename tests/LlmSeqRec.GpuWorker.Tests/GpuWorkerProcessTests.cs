using System.Globalization;
using LlmSeqRec.DurableHost;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.GpuWorker.Tests;

/// <summary>
/// The built worker run as the image runs it (<c>dotnet llmseqrec-gpu-worker.dll</c>, settings in environment
/// variables, the <c>healthcheck</c> command as HEALTHCHECK, SIGTERM to stop), on Azurite.
/// </summary>
public sealed class GpuWorkerProcessTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(2);

    [AzuriteFact]
    public async Task The_worker_runs_from_environment_variables_passes_its_healthcheck_and_exits_0_on_SIGTERM()
    {
        var name = Azurite.UniqueName("gw");
        var port = LoopbackPort.Free();
        using var worker = GpuWorkerProcess.Start(Settings(
            name, (SettingNames.Threads, "1"), (SettingNames.WorkerId, "gpu-test-1"), (SettingNames.HealthPort, port.ToString(CultureInfo.InvariantCulture))));

        await worker.WaitForOutputAsync($"worker gpu-test-1 takes jobs from {name}-jobs", Startup);
        Assert.Contains("libtorch loaded: 1 threads", worker.Output, StringComparison.Ordinal);
        var (healthy, answer) = await GpuWorkerProcess.ProbeAsync(port);
        Assert.True(healthy == 0, answer);
        Assert.StartsWith("200 Healthy: the job loop is running", answer, StringComparison.Ordinal);

        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        Assert.Contains("Application is shutting down", worker.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await GpuWorkerProcess.ProbeAsync(port)).ExitCode);
    }

    [AzuriteFact]
    public async Task SIGTERM_hands_the_running_job_back_to_the_queue_at_once_instead_of_after_the_lease()
    {
        await using var bed = await WorkerTestBed.CreateAsync();
        // Long enough to be mid-training when the signal comes.
        await bed.SendAsync(bed.Job("sasrec", """{ "maxEpochs": 1000, "patience": 1000, "embeddingDim": 16, "batchSize": 128, "maxValidationSessions": 100 }"""));
        using var worker = GpuWorkerProcess.Start(Settings(bed, (SettingNames.LeaseSeconds, "300")));
        await worker.WaitForOutputAsync("train: epoch 1:", TimeSpan.FromMinutes(4));
        Assert.Empty((await bed.Jobs.PeekMessagesAsync()).Value);

        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(40)));

        // Visible again now, not 300 s later, and not answered: the next worker resumes it from its checkpoint.
        Assert.Contains("released for another worker", worker.Output, StringComparison.Ordinal);
        var message = Assert.Single((await bed.Jobs.PeekMessagesAsync()).Value);
        Assert.Equal(1, message.DequeueCount);
        Assert.Empty((await bed.Completions.PeekMessagesAsync()).Value);
    }

    [AzuriteFact]
    public async Task With_an_idle_exit_the_worker_stops_by_itself_with_0_on_an_empty_queue()
    {
        var name = Azurite.UniqueName("gw");
        using var worker = GpuWorkerProcess.Start(Settings(name, (SettingNames.IdleExitSeconds, "2"), (SettingNames.PollSeconds, "0.2")));

        await worker.WaitForOutputAsync($"takes jobs from {name}-jobs", Startup);
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.InRange(started.Elapsed.TotalSeconds, 1, 30);
        Assert.Contains($"no job for 2 s on {name}-jobs and none running: the worker stops (idle exit)", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BackgroundService failed", worker.Output, StringComparison.Ordinal);
    }

    [AzuriteFact]
    public async Task With_an_idle_exit_the_worker_finishes_its_job_then_stops_with_0()
    {
        await using var bed = await WorkerTestBed.CreateAsync();
        var job = bed.Job("sasrec", """{ "maxEpochs": 2, "embeddingDim": 16, "batchSize": 256, "maxValidationSessions": 100 }""");
        await bed.SendAsync(job);
        using var worker = GpuWorkerProcess.Start(Settings(
            bed, (SettingNames.IdleExitSeconds, "2"), (SettingNames.PollSeconds, "0.2"), (SettingNames.Threads, "2")));

        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromMinutes(5)));

        // The job ran to its answer (training takes far longer than the idle exit), then the worker stopped.
        var output = worker.Output;
        var answered = output.IndexOf($"job {job.JobId}: completed", StringComparison.Ordinal);
        var idle = output.IndexOf("(idle exit)", StringComparison.Ordinal);
        Assert.True(answered >= 0 && idle > answered, output);
        var answer = await bed.NextCompletionAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, answer.Completion.Result!.Training.Count);
        Assert.Empty((await bed.Jobs.PeekMessagesAsync()).Value);
    }

    [AzuriteFact]
    public async Task The_worker_exits_1_when_its_job_loop_fails()
    {
        var name = Azurite.UniqueName("gw");
        using var worker = GpuWorkerProcess.Start(Settings(name, (SettingNames.Storage, WrongKeyStorage.ConnectionString)));

        Assert.Equal(1, await worker.WaitForExitAsync(Startup));
        Assert.Contains("BackgroundService failed", worker.Output, StringComparison.Ordinal);
        Assert.Contains("AuthenticationFailed", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_exits_2_and_names_every_bad_setting_before_it_starts()
    {
        using var worker = GpuWorkerProcess.Start(new Dictionary<string, string>
        {
            [SettingNames.MaxAttempts] = "none",
            [SettingNames.HealthPort] = "http",
        });

        Assert.Equal(2, await worker.WaitForExitAsync(Startup));
        var lines = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                $"llmseqrec-gpu-worker: invalid setting {SettingNames.Storage}: required: the storage account's connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {SettingNames.StorageBlobUri} and {SettingNames.StorageQueueUri} for a managed identity",
                $"llmseqrec-gpu-worker: invalid setting {SettingNames.MaxAttempts}: 'none' is not a whole number from 1 to 1000",
                $"llmseqrec-gpu-worker: invalid setting {SettingNames.HealthPort}: 'http' is not a whole number from 0 to 65535",
            ],
            lines);
    }

    /// <summary>
    /// Settings of a worker on Azurite for the container <paramref name="name"/> and its queues <c>name-jobs</c> and
    /// <c>name-done</c>, with a free health port; <paramref name="overrides"/> add or replace settings.
    /// </summary>
    private static Dictionary<string, string> Settings(string name, params (string Name, string Value)[] overrides) =>
        Settings(name, $"{name}-jobs", $"{name}-done", overrides);

    /// <summary>Settings of a worker on the test bed's container and queues, with a job cache in its folder.</summary>
    private static Dictionary<string, string> Settings(WorkerTestBed bed, params (string Name, string Value)[] overrides) =>
        Settings(bed.Name, bed.Options.JobsQueue, bed.Options.CompletionsQueue, [(SettingNames.CacheDirectory, bed.Temp["cache"]), .. overrides]);

    private static Dictionary<string, string> Settings(string container, string jobs, string completions, (string Name, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string>
        {
            [SettingNames.Storage] = Azurite.ConnectionString,
            [SettingNames.Container] = container,
            [SettingNames.JobsQueue] = jobs,
            [SettingNames.CompletionsQueue] = completions,
            [SettingNames.HealthPort] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (setting, value) in overrides)
        {
            settings[setting] = value;
        }

        return settings;
    }
}
