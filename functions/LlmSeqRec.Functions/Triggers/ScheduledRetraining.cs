using System.Globalization;
using LlmSeqRec.Pipeline.Orchestration;
using LlmSeqRec.Pipeline.Specification;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.Functions.Triggers;

/// <summary>What a retraining tick does.</summary>
public enum RetrainAction
{
    /// <summary>Start a run.</summary>
    Start,

    /// <summary>Nothing: a scheduled run is active, or this minute already has one.</summary>
    Skip,

    /// <summary>Nothing: the spec setting is missing or invalid (an error for the log).</summary>
    InvalidSpec,
}

/// <summary>What a retraining tick decided, and why.</summary>
/// <param name="Action">Start, skip or refuse.</param>
/// <param name="InstanceId">The run to start (set when <see cref="RetrainAction.Start"/>).</param>
/// <param name="Spec">The validated spec (set unless <see cref="RetrainAction.InvalidSpec"/>).</param>
/// <param name="Reason">Why, for the log.</param>
public sealed record RetrainDecision(RetrainAction Action, string? InstanceId, PipelineSpec? Spec, string Reason);

/// <summary>
/// Scheduled retraining: on the CRON of <c>%RetrainSchedule%</c>, starts a <see cref="TrainingPipeline"/> with the spec
/// of the <see cref="AppSettings.RetrainSpec"/> setting, one run at a time. Runs of the schedule have the ids
/// <c>scheduled-retrain-{yyyyMMddHHmm}</c> (the tick's UTC minute): a tick while one of them is pending, running or
/// suspended is skipped, a second tick of the same minute is skipped, and each run keeps its own history and its own
/// <c>runs/{id}/</c> artifacts (manifest, report, cancellation marker), which a single reused id would overwrite.
/// </summary>
public sealed partial class ScheduledRetraining(IConfiguration configuration, ILogger<ScheduledRetraining> logger)
{
    /// <summary>The instance-id prefix of scheduled runs.</summary>
    public const string InstancePrefix = "scheduled-retrain-";

    private static readonly OrchestrationRuntimeStatus[] Active =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <summary>One tick of the schedule.</summary>
    [Function(nameof(ScheduledRetraining))]
    public async Task RunAsync(
        [TimerTrigger("%" + AppSettings.RetrainSchedule + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var decision = await DecideAsync(client, configuration[AppSettings.RetrainSpec], DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        switch (decision.Action)
        {
            case RetrainAction.InvalidSpec:
                LogInvalidSpec(logger, decision.Reason);
                return;
            case RetrainAction.Skip:
                LogSkipped(logger, decision.Reason);
                return;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TrainingPipeline), decision.Spec, new StartOrchestrationOptions(decision.InstanceId), cancellationToken).ConfigureAwait(false);
        LogStarted(logger, decision.InstanceId!, timer?.IsPastDue == true);
    }

    /// <summary>
    /// Decides a tick at <paramref name="now"/>: the spec must be valid, no scheduled pipeline run may be pending,
    /// running or suspended, and the tick's minute must not have a run yet.
    /// </summary>
    public static async Task<RetrainDecision> DecideAsync(DurableTaskClient client, string? specJson, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrWhiteSpace(specJson))
        {
            return new RetrainDecision(RetrainAction.InvalidSpec, null, null, $"{AppSettings.RetrainSpec} is not set (a pipeline spec as JSON)");
        }

        PipelineSpec spec;
        try
        {
            spec = PipelineSpecReader.Read(specJson);
        }
        catch (PipelineSpecException e)
        {
            return new RetrainDecision(RetrainAction.InvalidSpec, null, null, $"{AppSettings.RetrainSpec} is invalid: {string.Join("; ", e.Errors)}");
        }

        var query = new OrchestrationQuery { InstanceIdPrefix = InstancePrefix, Statuses = Active, PageSize = 100 };
        await foreach (var active in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // The prefix also matches the runs' model sub-orchestrations ({id}-{model}): only pipelines count.
            if (active.Name == nameof(TrainingPipeline))
            {
                return new RetrainDecision(RetrainAction.Skip, null, spec, $"{active.InstanceId} is still {active.RuntimeStatus}");
            }
        }

        var id = InstancePrefix + now.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new RetrainDecision(RetrainAction.Skip, null, spec, $"{id} already ran for this minute ({existing.RuntimeStatus})");
        }

        return new RetrainDecision(RetrainAction.Start, id, spec, "no scheduled run is active");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled retraining started nothing: {Reason}")]
    private static partial void LogInvalidSpec(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled retraining skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled retraining started {InstanceId} (past due: {PastDue})")]
    private static partial void LogStarted(ILogger logger, string instanceId, bool pastDue);
}
