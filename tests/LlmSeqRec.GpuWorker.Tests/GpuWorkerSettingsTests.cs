using Microsoft.Extensions.Configuration;

namespace LlmSeqRec.GpuWorker.Tests;

/// <summary>The worker's settings: defaults, every name read, and errors that name the setting.</summary>
public sealed class GpuWorkerSettingsTests
{
    private const string Storage = "UseDevelopmentStorage=true";

    [Fact]
    public void Only_the_storage_is_required_and_everything_else_has_its_default()
    {
        var settings = Read(new() { [SettingNames.Storage] = Storage });

        Assert.Equal(Storage, settings.Worker.Storage);
        Assert.Equal(("llmseqrec", "llmseqrec-jobs", "llmseqrec-completions"), (settings.Worker.Container, settings.Worker.JobsQueue, settings.Worker.CompletionsQueue));
        Assert.Equal(TimeSpan.FromMinutes(2), settings.Worker.LeaseOrDefault);
        Assert.Equal(3, settings.Worker.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Worker.PollInterval);
        Assert.Null(settings.Worker.CacheRoot);
        Assert.Null(settings.Worker.WorkerId);
        Assert.Null(settings.Threads);
        Assert.Equal(8080, settings.HealthPort);
        Assert.Equal(TimeSpan.FromSeconds(25), settings.ShutdownTimeout);
    }

    [Fact]
    public void Every_setting_is_read_by_its_name()
    {
        var settings = Read(new()
        {
            [SettingNames.Storage] = Storage,
            [SettingNames.Container] = "artifacts-1",
            [SettingNames.JobsQueue] = "gpu-jobs",
            [SettingNames.CompletionsQueue] = "gpu-done",
            [SettingNames.LeaseSeconds] = "45.5",
            [SettingNames.MaxAttempts] = "5",
            [SettingNames.PollSeconds] = "0.25",
            [SettingNames.Threads] = "4",
            [SettingNames.CacheDirectory] = "/var/cache/worker",
            [SettingNames.WorkerId] = "gpu-0",
            [SettingNames.ShutdownSeconds] = "50",
            [SettingNames.HealthPort] = "9090",
        });

        Assert.Equal(
            new LlmSeqRec.Worker.WorkerOptions(Storage, "artifacts-1", "gpu-jobs", "gpu-done", "/var/cache/worker", TimeSpan.FromSeconds(45.5), 5, TimeSpan.FromSeconds(0.25), "gpu-0"),
            settings.Worker);
        Assert.Equal((4, 9090, TimeSpan.FromSeconds(50)), (settings.Threads, settings.HealthPort, settings.ShutdownTimeout));
    }

    [Fact]
    public void Blank_values_count_as_unset()
    {
        var settings = Read(new() { [SettingNames.Storage] = Storage, [SettingNames.Threads] = "", [SettingNames.JobsQueue] = "  ", [SettingNames.HealthPort] = "" });

        Assert.Equal((null, "llmseqrec-jobs", 8080), (settings.Threads, settings.Worker.JobsQueue, settings.HealthPort));
    }

    [Fact]
    public void A_missing_storage_connection_string_is_named()
    {
        var error = Assert.Single(Errors(new()));

        Assert.StartsWith($"{SettingNames.Storage}: required", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SettingNames.Container, "Artifacts")]
    [InlineData(SettingNames.Container, "ab")]
    [InlineData(SettingNames.JobsQueue, "gpu_jobs")]
    [InlineData(SettingNames.JobsQueue, "jobs-queue-whose-poison-queue-name-would-be-longer-than-63")]
    [InlineData(SettingNames.CompletionsQueue, "-done")]
    [InlineData(SettingNames.CompletionsQueue, "gpu--done")]
    [InlineData(SettingNames.LeaseSeconds, "two minutes")]
    [InlineData(SettingNames.LeaseSeconds, "0")]
    [InlineData(SettingNames.LeaseSeconds, "700000")]
    [InlineData(SettingNames.MaxAttempts, "0")]
    [InlineData(SettingNames.MaxAttempts, "2.5")]
    [InlineData(SettingNames.PollSeconds, "-1")]
    [InlineData(SettingNames.Threads, "0")]
    [InlineData(SettingNames.Threads, "all")]
    [InlineData(SettingNames.ShutdownSeconds, "never")]
    [InlineData(SettingNames.HealthPort, "70000")]
    [InlineData(SettingNames.HealthPort, "http")]
    public void An_invalid_value_is_reported_with_its_setting_and_value(string name, string value)
    {
        var error = Assert.Single(Errors(new() { [SettingNames.Storage] = Storage, [name] = value }));

        Assert.StartsWith($"{name}: '{value}' is not", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=worker;AccountKey=s3cr3t-not-base64")]
    [InlineData("not a connection string")]
    public void A_bad_connection_string_is_named_but_never_repeated(string value)
    {
        var error = Assert.Single(Errors(new() { [SettingNames.Storage] = value }));

        Assert.StartsWith($"{SettingNames.Storage}: not a storage connection string", error, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_url_is_refused_until_managed_identity_is_supported()
    {
        var error = Assert.Single(Errors(new() { [SettingNames.Storage] = "https://account.blob.core.windows.net/" }));

        Assert.StartsWith($"{SettingNames.Storage}: a service URL is not supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_completions_queue_must_differ_from_the_jobs_queue()
    {
        var error = Assert.Single(Errors(new() { [SettingNames.Storage] = Storage, [SettingNames.JobsQueue] = "gpu", [SettingNames.CompletionsQueue] = "gpu" }));

        Assert.StartsWith($"{SettingNames.CompletionsQueue}: must differ from {SettingNames.JobsQueue}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once()
    {
        var exception = Assert.Throws<GpuWorkerSettingsException>(() => Read(new() { [SettingNames.LeaseSeconds] = "x", [SettingNames.HealthPort] = "-1" }));

        Assert.Equal([SettingNames.Storage, SettingNames.LeaseSeconds, SettingNames.HealthPort], exception.Errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
        Assert.All(exception.Errors, e => Assert.Contains(e, exception.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_probe_reads_the_health_port_alone()
    {
        Assert.Equal(8080, GpuWorkerSettings.ReadHealthPort(Configuration(new())));
        Assert.Equal(9000, GpuWorkerSettings.ReadHealthPort(Configuration(new() { [SettingNames.HealthPort] = "9000" })));
        var exception = Assert.Throws<GpuWorkerSettingsException>(() => GpuWorkerSettings.ReadHealthPort(Configuration(new() { [SettingNames.HealthPort] = "x" })));
        Assert.StartsWith(SettingNames.HealthPort, Assert.Single(exception.Errors), StringComparison.Ordinal);
    }

    private static GpuWorkerSettings Read(Dictionary<string, string?> values) => GpuWorkerSettings.Read(Configuration(values));

    private static IReadOnlyList<string> Errors(Dictionary<string, string?> values) =>
        Assert.Throws<GpuWorkerSettingsException>(() => Read(values)).Errors;

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
