using System.Text.RegularExpressions;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Orchestration;
using LlmSeqRec.Pipeline.Specification;
using LlmSeqRec.Reporting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LlmSeqRec.Pipeline.Api;

/// <summary>A pipeline run as the HTTP API shows it.</summary>
/// <param name="Id">The run id (orchestration instance id).</param>
/// <param name="Status">Pending, Running, Completed, Failed, Terminated, ...</param>
/// <param name="CreatedAt">When it was started.</param>
/// <param name="LastUpdatedAt">When its state last changed.</param>
/// <param name="Progress">Stage, percent, per-model states and artifact links.</param>
/// <param name="Outcome">The result of a completed run.</param>
/// <param name="Error">Why a failed run failed.</param>
public sealed record PipelineRunView(
    string Id, string Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, PipelineStatus? Progress, PipelineOutcome? Outcome, string? Error)
{
    /// <summary>The heartbeat and progress (epoch, loss, validation NDCG@20) of the run's GPU-worker jobs, by model.</summary>
    public IReadOnlyDictionary<string, JobStatus>? Jobs { get; init; }
}

/// <summary>
/// The operations behind the HTTP API, the same on every host (Azure Functions and <c>llmseqrec serve</c>): start a
/// run from a spec, read one, list them, cancel one (with its outstanding jobs) and fetch its report.
/// </summary>
public sealed partial class PipelineRuns(DurableTaskClient client, IArtifactStore store)
{
    /// <summary>Validates <paramref name="specJson"/> and starts a run; returns its id.</summary>
    /// <exception cref="PipelineSpecException">The spec is invalid (the errors name the fields).</exception>
    /// <exception cref="InvalidOperationException">The run id was used before.</exception>
    public async Task<string> StartAsync(string specJson, string? runId = null, CancellationToken cancellationToken = default)
    {
        var spec = PipelineSpecReader.Read(specJson);
        if (runId is not null && !RunIdPattern().IsMatch(runId))
        {
            throw new PipelineSpecException([new SpecError("id", $"'{runId}' must be 1-64 letters, digits, '-' or '_'")]);
        }

        // A run id names its folder in the store (report, manifest, cancellation marker): never reuse one.
        if (runId is not null && (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null
            || await store.ListAsync(ArtifactLayout.Run(runId), cancellationToken).AnyAsync(cancellationToken).ConfigureAwait(false)))
        {
            throw new InvalidOperationException($"run id '{runId}' is taken: choose another one, or leave it out to get a new one");
        }

        return await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TrainingPipeline), spec, runId is null ? null : new StartOrchestrationOptions(runId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run <paramref name="runId"/>, or null when there is no such run.</summary>
    public async Task<PipelineRunView?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null || metadata.Name != nameof(TrainingPipeline))
        {
            return null;
        }

        var view = View(metadata);
        var jobs = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        foreach (var slug in view.Progress?.Models.Keys ?? [])
        {
            await using var stream = await store.OpenReadAsync(JobStatus.PathOf(runId, slug), cancellationToken).ConfigureAwait(false);
            if (stream is not null && await System.Text.Json.JsonSerializer.DeserializeAsync<JobStatus>(stream, PipelineStorage.JsonOptions, cancellationToken).ConfigureAwait(false) is { } status)
            {
                jobs[slug] = status;
            }
        }

        return jobs.Count == 0 ? view : view with { Jobs = jobs };
    }

    /// <summary>The runs, newest first, optionally only those with <paramref name="status"/>.</summary>
    /// <exception cref="ArgumentException">The status is not a runtime status name.</exception>
    public async Task<IReadOnlyList<PipelineRunView>> ListAsync(string? status = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        OrchestrationRuntimeStatus[]? statuses = null;
        if (!string.IsNullOrEmpty(status))
        {
            statuses = Enum.TryParse<OrchestrationRuntimeStatus>(status, ignoreCase: true, out var parsed)
                ? [parsed]
                : throw new ArgumentException($"status: '{status}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}");
        }

        var runs = new List<PipelineRunView>();
        var query = new OrchestrationQuery { Statuses = statuses, FetchInputsAndOutputs = true, PageSize = 100 };
        await foreach (var metadata in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (metadata.Name == nameof(TrainingPipeline))
            {
                runs.Add(View(metadata));
            }
        }

        return runs.OrderByDescending(r => r.CreatedAt).Take(limit).ToArray();
    }

    /// <summary>
    /// Cancels a run: marks it cancelled in the store (workers stop its jobs at their next step) and terminates the
    /// orchestration with its model sub-orchestrations. Returns false when there is no such run or it has ended.
    /// </summary>
    public async Task<bool> CancelAsync(string runId, string reason = "cancelled by request", CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null || metadata.Name != nameof(TrainingPipeline) || metadata.IsCompleted)
        {
            return false;
        }

        await RunCancellation.MarkAsync(store, runId, reason, cancellationToken).ConfigureAwait(false);
        await client.TerminateInstanceAsync(runId, new TerminateInstanceOptions { Output = reason, Recursive = true }, cancellationToken).ConfigureAwait(false);

        // Not every backend terminates sub-orchestrations recursively: end the model runs by their known ids too.
        var models = metadata.SerializedCustomStatus is { Length: > 0 } ? metadata.ReadCustomStatusAs<PipelineStatus>()?.Models.Keys ?? [] : [];
        foreach (var slug in models)
        {
            var child = await client.GetInstanceAsync(TrainingPipeline.ModelRunId(runId, slug), getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (child is { IsCompleted: false })
            {
                await client.TerminateInstanceAsync(child.InstanceId, new TerminateInstanceOptions { Output = reason }, cancellationToken).ConfigureAwait(false);
            }
        }

        return true;
    }

    /// <summary>The report of a run in one format (html, md or json), or null when it has none (yet).</summary>
    /// <exception cref="ArgumentException">Unknown format.</exception>
    public async Task<(Stream Content, string ContentType)?> ReportAsync(string runId, string format = "html", CancellationToken cancellationToken = default)
    {
        var (file, contentType) = format.ToLowerInvariant() switch
        {
            "html" => (RunReportWriter.HtmlFileName, "text/html; charset=utf-8"),
            "md" or "markdown" => (RunReportWriter.MarkdownFileName, "text/markdown; charset=utf-8"),
            "json" => (RunReportWriter.JsonFileName, "application/json"),
            _ => throw new ArgumentException($"format: '{format}' is not html, md or json"),
        };
        if (!RunIdPattern().IsMatch(runId))
        {
            return null;
        }

        var stream = await store.OpenReadAsync($"{ArtifactLayout.RunReport(runId)}/{file}", cancellationToken).ConfigureAwait(false);
        return stream is null ? null : (stream, contentType);
    }

    private static PipelineRunView View(OrchestrationMetadata metadata) => new(
        metadata.InstanceId,
        metadata.RuntimeStatus.ToString(),
        metadata.CreatedAt,
        metadata.LastUpdatedAt,
        metadata.SerializedCustomStatus is { Length: > 0 } ? metadata.ReadCustomStatusAs<PipelineStatus>() : null,
        metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed && metadata.SerializedOutput is { Length: > 0 } ? metadata.ReadOutputAs<PipelineOutcome>() : null,
        metadata.FailureDetails?.ErrorMessage ?? (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Terminated ? metadata.ReadOutputAs<string>() : null));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex RunIdPattern();
}
