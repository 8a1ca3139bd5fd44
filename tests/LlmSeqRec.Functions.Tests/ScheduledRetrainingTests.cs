using LlmSeqRec.Functions.Triggers;
using LlmSeqRec.TestSupport;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.Functions.Tests;

/// <summary>The retraining timer: one scheduled run at a time, a bad spec starts nothing.</summary>
public sealed class ScheduledRetrainingTests
{
    // A neural model keeps the run waiting for the (absent) GPU worker, so it is still running at the next tick.
    private const string WaitingSpec = """{"dataset":{"source":"demo"},"models":[{"name":"sasrec","seed":7}]}""";

    [Fact]
    public async Task A_tick_starts_a_scheduled_run_and_a_tick_while_it_runs_is_skipped()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var logger = new RecordingLogger<ScheduledRetraining>();
        var timer = Timer(WaitingSpec, logger);

        await timer.RunAsync(new TimerInfo(), host.Client, CancellationToken.None);
        var started = Assert.Single(await ScheduledRunsAsync(host.Client));
        Assert.StartsWith(ScheduledRetraining.InstancePrefix, started.InstanceId, StringComparison.Ordinal);
        Assert.Equal("TrainingPipeline", started.Name);
        await host.NextJobAsync();

        await timer.RunAsync(new TimerInfo(), host.Client, CancellationToken.None);
        var decision = await ScheduledRetraining.DecideAsync(host.Client, WaitingSpec, DateTimeOffset.UtcNow.AddHours(1));

        Assert.Single(await ScheduledRunsAsync(host.Client));
        Assert.Equal(RetrainAction.Skip, decision.Action);
        Assert.Contains(started.InstanceId, decision.Reason, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("skipped", StringComparison.Ordinal) && e.Message.Contains(started.InstanceId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_the_scheduled_run_has_ended_the_next_minute_starts_a_new_run_and_the_same_minute_does_not()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var first = new DateTimeOffset(2025, 3, 2, 3, 0, 17, TimeSpan.Zero);

        var decision = await ScheduledRetraining.DecideAsync(host.Client, WaitingSpec, first);
        Assert.Equal((RetrainAction.Start, "scheduled-retrain-202503020300"), (decision.Action, decision.InstanceId));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("TrainingPipeline", decision.Spec, new StartOrchestrationOptions(decision.InstanceId));
        await host.NextJobAsync();
        await host.Client.TerminateInstanceAsync(decision.InstanceId!, "test");
        await host.WaitAsync(decision.InstanceId!);

        var sameMinute = await ScheduledRetraining.DecideAsync(host.Client, WaitingSpec, first.AddSeconds(30));
        var nextWeek = await ScheduledRetraining.DecideAsync(host.Client, WaitingSpec, first.AddDays(7));

        Assert.Equal(RetrainAction.Skip, sameMinute.Action);
        Assert.Contains("already ran", sameMinute.Reason, StringComparison.Ordinal);
        Assert.Equal((RetrainAction.Start, "scheduled-retrain-202503090300"), (nextWeek.Action, nextWeek.InstanceId));
        Assert.Equal("sasrec", Assert.Single(nextWeek.Spec!.Models!).Name);
    }

    [Theory]
    [InlineData("""{"dataset":{"source":"demo"},"models":[{"name":"nosuchmodel"}]}""", "models[0].name")]
    [InlineData("""{"dataset":""", "RetrainSpec is invalid")]
    [InlineData("", "RetrainSpec is not set")]
    public async Task A_bad_or_missing_retrain_spec_starts_nothing_and_logs_an_error_naming_the_problem(string spec, string expected)
    {
        await using var host = await PipelineTestHost.StartAsync();
        var logger = new RecordingLogger<ScheduledRetraining>();

        await Timer(spec, logger).RunAsync(new TimerInfo(), host.Client, CancellationToken.None);

        Assert.Empty(await ScheduledRunsAsync(host.Client));
        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(RetrainAction.InvalidSpec, (await ScheduledRetraining.DecideAsync(host.Client, spec, DateTimeOffset.UtcNow)).Action);
    }

    private static ScheduledRetraining Timer(string spec, ILogger<ScheduledRetraining> logger) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AppSettings.RetrainSpec] = spec }).Build(), logger);

    // The scheduled pipeline runs (not their model sub-orchestrations, whose ids share the prefix).
    private static async Task<List<OrchestrationMetadata>> ScheduledRunsAsync(DurableTaskClient client)
    {
        var runs = new List<OrchestrationMetadata>();
        await foreach (var run in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = ScheduledRetraining.InstancePrefix }))
        {
            if (run.Name == "TrainingPipeline")
            {
                runs.Add(run);
            }
        }

        return runs;
    }
}
