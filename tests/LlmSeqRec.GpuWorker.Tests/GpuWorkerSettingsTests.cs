using Microsoft.Extensions.Configuration;

namespace LlmSeqRec.GpuWorker.Tests;

/// <summary>The worker's settings: defaults, every name read, and errors that name the setting.</summary>
public sealed class GpuWorkerSettingsTests
{
    private const string Storage = "UseDevelopmentStorage=true";
    private const string BlobUri = "https://account.blob.core.windows.net";
    private const string QueueUri = "https://account.queue.core.windows.net";

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
        Assert.Equal((null, null, null), (settings.Worker.BlobServiceUri, settings.Worker.QueueServiceUri, settings.Worker.IdleExit));
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
            [SettingNames.IdleExitSeconds] = "30",
        });

        Assert.Equal(
            new LlmSeqRec.Worker.WorkerOptions(
                Storage, "artifacts-1", "gpu-jobs", "gpu-done", "/var/cache/worker", TimeSpan.FromSeconds(45.5), 5, TimeSpan.FromSeconds(0.25), "gpu-0", IdleExit: TimeSpan.FromSeconds(30)),
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
    [InlineData(SettingNames.IdleExitSeconds, "-1")]
    [InlineData(SettingNames.IdleExitSeconds, "86401")]
    [InlineData(SettingNames.IdleExitSeconds, "when idle")]
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
    public void A_service_url_in_the_connection_string_setting_points_to_the_uri_settings()
    {
        var error = Assert.Single(Errors(new() { [SettingNames.Storage] = "https://account.blob.core.windows.net/" }));

        Assert.Equal(
            $"{SettingNames.Storage}: a service URL is not a connection string: for a managed identity set {SettingNames.StorageBlobUri} and {SettingNames.StorageQueueUri} instead",
            error);
    }

    [Fact]
    public void The_two_service_uris_select_the_managed_identity_instead_of_a_connection_string()
    {
        var settings = Read(new() { [SettingNames.StorageBlobUri] = BlobUri, [SettingNames.StorageQueueUri] = $" {QueueUri}/ " });

        Assert.Null(settings.Worker.Storage);
        Assert.Equal((new Uri(BlobUri), new Uri(QueueUri)), (settings.Worker.BlobServiceUri, settings.Worker.QueueServiceUri));
    }

    [Theory]
    [InlineData(SettingNames.StorageBlobUri)]
    [InlineData(SettingNames.StorageQueueUri)]
    [InlineData(null)]
    public void A_connection_string_and_service_uris_together_are_refused_without_repeating_the_connection_string(string? only)
    {
        const string secret = "AccountName=worker;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net";
        var values = new Dictionary<string, string?> { [SettingNames.Storage] = secret };
        values[only ?? SettingNames.StorageBlobUri] = only == SettingNames.StorageQueueUri ? QueueUri : BlobUri;
        if (only is null)
        {
            values[SettingNames.StorageQueueUri] = QueueUri;
        }

        var error = Assert.Single(Errors(values));

        Assert.Equal(
            $"{SettingNames.Storage}: set either it (a connection string) or {SettingNames.StorageBlobUri} and {SettingNames.StorageQueueUri} (a managed identity), not both", error);
        Assert.DoesNotContain("c2VjcmV0", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SettingNames.StorageBlobUri, SettingNames.StorageQueueUri)]
    [InlineData(SettingNames.StorageQueueUri, SettingNames.StorageBlobUri)]
    public void One_service_uri_alone_is_refused_naming_the_missing_one(string given, string missing)
    {
        var error = Assert.Single(Errors(new() { [given] = given == SettingNames.StorageBlobUri ? BlobUri : QueueUri }));

        Assert.StartsWith($"{missing}: required with {given}: a managed identity needs both service URIs", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SettingNames.StorageBlobUri, "http://account.blob.core.windows.net", "is not an https URI")]
    [InlineData(SettingNames.StorageBlobUri, "account.blob.core.windows.net", "is not an absolute URI")]
    [InlineData(SettingNames.StorageQueueUri, "http://127.0.0.1:10001/devstoreaccount1", "is not an https URI")]
    [InlineData(SettingNames.StorageQueueUri, "queue service", "is not an absolute URI")]
    [InlineData(SettingNames.StorageQueueUri, BlobUri, "is not the queue service")]
    public void An_invalid_service_uri_is_refused_naming_its_setting(string name, string value, string problem)
    {
        var values = new Dictionary<string, string?> { [SettingNames.StorageBlobUri] = BlobUri, [SettingNames.StorageQueueUri] = QueueUri, [name] = value };

        var error = Assert.Single(Errors(values));

        Assert.StartsWith($"{name}: '{value}' {problem}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_uri_with_a_query_is_refused_without_repeating_it()
    {
        var error = Assert.Single(Errors(new() { [SettingNames.StorageBlobUri] = $"{BlobUri}/?sv=2024-01-01&sig=s3cr3t", [SettingNames.StorageQueueUri] = QueueUri }));

        Assert.StartsWith($"{SettingNames.StorageBlobUri}: must be the service URI alone", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("2.5", 2.5)]
    [InlineData("86400", 86400.0)]
    public void The_idle_exit_is_off_at_0_and_otherwise_read_in_seconds(string value, double? seconds)
    {
        var settings = Read(new() { [SettingNames.Storage] = Storage, [SettingNames.IdleExitSeconds] = value });

        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, settings.Worker.IdleExit);
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
