using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Worker;
using Microsoft.Extensions.Configuration;

namespace LlmSeqRec.GpuWorker;

/// <summary>
/// The GPU worker's settings, read from configuration under the names of <see cref="SettingNames"/> and checked
/// before anything starts: a bad value is reported with its setting's name, never discovered by a failing job.
/// </summary>
/// <param name="Worker">The job loop's settings.</param>
/// <param name="Threads">libtorch threads, or null for libtorch's default.</param>
/// <param name="HealthPort">Port of the health endpoint (0: any free port).</param>
/// <param name="ShutdownTimeout">How long a shutdown waits for the job loop to hand its job back.</param>
public sealed partial record GpuWorkerSettings(WorkerOptions Worker, int? Threads, int HealthPort, TimeSpan ShutdownTimeout)
{
    /// <summary>The health endpoint's port unless set.</summary>
    public const int DefaultHealthPort = 8080;

    /// <summary>
    /// The shutdown wait unless set: inside the 30 s that Kubernetes and Container Apps give a container between
    /// SIGTERM and SIGKILL.
    /// </summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(25);

    private const int MaxVisibilitySeconds = 7 * 24 * 3600;
    private const string PoisonSuffix = "-poison";
    private const double MaxIdleExitSeconds = 24 * 3600;

    /// <summary>Reads and checks every setting.</summary>
    /// <exception cref="GpuWorkerSettingsException">Some settings are missing or invalid; the exception lists them all.</exception>
    public static GpuWorkerSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var (storage, blobUri, queueUri) = ReadStorage(configuration, errors);
        var container = ResourceName(configuration, SettingNames.Container, BlobArtifactStore.DefaultContainer, 63, errors);
        // The loop moves malformed messages to "<jobs queue>-poison", which must be a valid name too.
        var jobs = ResourceName(configuration, SettingNames.JobsQueue, QueueJobDispatcher.DefaultQueue, 63 - PoisonSuffix.Length, errors);
        var completions = ResourceName(configuration, SettingNames.CompletionsQueue, WorkerCompletionRelay.DefaultQueue, 63, errors);
        if (jobs == completions)
        {
            errors.Add($"{SettingNames.CompletionsQueue}: must differ from {SettingNames.JobsQueue} ('{jobs}'): the worker would take its own answers for jobs");
        }

        var lease = Seconds(configuration, SettingNames.LeaseSeconds, 120, 1, MaxVisibilitySeconds, errors);
        var attempts = Integer(configuration, SettingNames.MaxAttempts, 3, 1, 1000, errors);
        var poll = Seconds(configuration, SettingNames.PollSeconds, 1, 0.01, 3600, errors);
        int? threads = Value(configuration, SettingNames.Threads) is null ? null : Integer(configuration, SettingNames.Threads, 1, 1, 4096, errors);
        var port = ReadHealthPort(configuration, errors);
        var shutdown = Seconds(configuration, SettingNames.ShutdownSeconds, DefaultShutdownTimeout.TotalSeconds, 1, 3600, errors);
        var idleExit = Seconds(configuration, SettingNames.IdleExitSeconds, 0, 0, MaxIdleExitSeconds, errors);
        if (errors.Count > 0)
        {
            throw new GpuWorkerSettingsException(errors);
        }

        var worker = new WorkerOptions(
            storage, container, jobs, completions, Value(configuration, SettingNames.CacheDirectory), lease, attempts, poll, Value(configuration, SettingNames.WorkerId),
            blobUri, queueUri, idleExit > TimeSpan.Zero ? idleExit : null);
        return new GpuWorkerSettings(worker, threads, port, shutdown);
    }

    /// <summary>Reads and checks only <see cref="SettingNames.HealthPort"/> (what the health probe command needs).</summary>
    /// <exception cref="GpuWorkerSettingsException">The port is invalid.</exception>
    public static int ReadHealthPort(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var port = ReadHealthPort(configuration, errors);
        return errors.Count > 0 ? throw new GpuWorkerSettingsException(errors) : port;
    }

    private static int ReadHealthPort(IConfiguration configuration, List<string> errors) =>
        Integer(configuration, SettingNames.HealthPort, DefaultHealthPort, 0, 65535, errors);

    /// <summary>The setting's value, or null when it is absent or blank (an empty <c>-e NAME=</c> means unset).</summary>
    private static string? Value(IConfiguration configuration, string name) =>
        configuration[name] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Exactly one of: a connection string, or both service URIs (managed identity).</summary>
    private static (string? ConnectionString, Uri? Blob, Uri? Queue) ReadStorage(IConfiguration configuration, List<string> errors)
    {
        var storage = Value(configuration, SettingNames.Storage);
        var blob = Value(configuration, SettingNames.StorageBlobUri);
        var queue = Value(configuration, SettingNames.StorageQueueUri);
        if (storage is not null && (blob is not null || queue is not null))
        {
            errors.Add($"{SettingNames.Storage}: set either it (a connection string) or {SettingNames.StorageBlobUri} and {SettingNames.StorageQueueUri} (a managed identity), not both");
            return (null, null, null);
        }

        if (storage is not null)
        {
            if (ConnectionStringProblem(storage) is { } problem)
            {
                errors.Add($"{SettingNames.Storage}: {problem}");
            }

            return (storage, null, null);
        }

        if (blob is null && queue is null)
        {
            errors.Add(
                $"{SettingNames.Storage}: required: the storage account's connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {SettingNames.StorageBlobUri} and {SettingNames.StorageQueueUri} for a managed identity");
            return (null, null, null);
        }

        var blobUri = ServiceUri(SettingNames.StorageBlobUri, blob, SettingNames.StorageQueueUri, "blob", errors);
        var queueUri = ServiceUri(SettingNames.StorageQueueUri, queue, SettingNames.StorageBlobUri, "queue", errors);
        if (blobUri is not null && blobUri == queueUri)
        {
            errors.Add($"{SettingNames.StorageQueueUri}: '{queue}' is not the queue service: it is {SettingNames.StorageBlobUri} too (expected https://<account>.queue.core.windows.net)");
        }

        return (null, blobUri, queueUri);
    }

    private static Uri? ServiceUri(string name, string? value, string otherName, string service, List<string> errors)
    {
        if (value is null)
        {
            errors.Add($"{name}: required with {otherName}: a managed identity needs both service URIs (e.g. https://<account>.{service}.core.windows.net)");
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            errors.Add($"{name}: '{value}' is not an absolute URI; expected e.g. https://<account>.{service}.core.windows.net");
            return null;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            // Not repeated: a query may be a SAS token.
            errors.Add($"{name}: must be the service URI alone, without a query, fragment or user (a SAS token is not used: the managed identity is)");
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{name}: '{value}' is not an https URI: a token credential is only sent over HTTPS");
            return null;
        }

        return uri;
    }

    private static string? ConnectionStringProblem(string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return $"a service URL is not a connection string: for a managed identity set {SettingNames.StorageBlobUri} and {SettingNames.StorageQueueUri} instead";
        }

        try
        {
            _ = new BlobServiceClient(value);
            _ = new QueueServiceClient(value);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The value itself is not repeated: it may hold an account key.
            return $"not a storage connection string with blob and queue endpoints ({e.GetType().Name}); expected AccountName=..;AccountKey=..;EndpointSuffix=.. or UseDevelopmentStorage=true";
        }
    }

    private static string ResourceName(IConfiguration configuration, string name, string fallback, int maxLength, List<string> errors)
    {
        var value = Value(configuration, name) ?? fallback;
        if (value.Length < 3 || value.Length > maxLength || !StorageName().IsMatch(value))
        {
            errors.Add($"{name}: '{value}' is not a valid name: 3-{maxLength} lower-case letters, digits and single hyphens, starting and ending with a letter or digit");
        }

        return value;
    }

    private static int Integer(IConfiguration configuration, string name, int fallback, int min, int max, List<string> errors)
    {
        if (Value(configuration, name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"{name}: '{text}' is not a whole number from {min} to {max}");
        return fallback;
    }

    private static TimeSpan Seconds(IConfiguration configuration, string name, double fallback, double min, double max, List<string> errors)
    {
        if (Value(configuration, name) is not { } text)
        {
            return TimeSpan.FromSeconds(fallback);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return TimeSpan.FromSeconds(value);
        }

        errors.Add($"{name}: '{text}' is not a number of seconds from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return TimeSpan.FromSeconds(fallback);
    }

    /// <summary>Azure container and queue names: 3-63 of [a-z0-9-], no leading, trailing or double hyphen.</summary>
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$", RegexOptions.CultureInvariant)]
    private static partial Regex StorageName();
}
