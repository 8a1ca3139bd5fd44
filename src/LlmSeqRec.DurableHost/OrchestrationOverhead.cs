using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmSeqRec.DurableHost;

/// <summary>What the overhead benchmark measured.</summary>
/// <param name="Activities">Activities per orchestration.</param>
/// <param name="ChainSeconds">One orchestration calling a no-op activity that many times in a row.</param>
/// <param name="FanOutSeconds">One orchestration calling that many at once and waiting for all.</param>
public sealed record OverheadResult(int Activities, double ChainSeconds, double FanOutSeconds)
{
    /// <summary>Milliseconds per activity in a chain: schedule, dispatch, complete, replay, each through storage.</summary>
    public double ChainMillisecondsPerActivity => ChainSeconds * 1000 / Activities;

    /// <summary>Milliseconds per activity in a fan-out.</summary>
    public double FanOutMillisecondsPerActivity => FanOutSeconds * 1000 / Activities;
}

/// <summary>
/// Measures the Durable Task overhead per activity on this host's backend (the local host's engine: the Azure
/// Storage task hub through the same shims): orchestrations of no-op activities, in a chain and fanned out, on a
/// task hub of their own that is deleted afterwards.
/// </summary>
public static class OrchestrationOverhead
{
    /// <summary>Runs the benchmark (after a short warm-up run).</summary>
    public static async Task<OverheadResult> MeasureAsync(StorageTaskHubSettings settings, int activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var service = new AzureStorageOrchestrationService(settings.ToServiceSettings());
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        var shims = new TaskShims(new DurableTaskShimFactory(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance), new ServiceCollection().BuildServiceProvider());
        using var worker = new TaskHubWorker(service, NullLoggerFactory.Instance) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(shims.Orchestration(typeof(ChainProbe)), shims.Orchestration(typeof(FanOutProbe)));
        worker.AddTaskActivities(shims.Activity(typeof(EchoActivity)));
        await worker.StartAsync().ConfigureAwait(false);
        try
        {
            var client = new TaskHubDurableTaskClient(service, TimeSpan.FromMilliseconds(10));
            await RunAsync(client, nameof(ChainProbe), 5, cancellationToken).ConfigureAwait(false);
            var chain = await RunAsync(client, nameof(ChainProbe), activities, cancellationToken).ConfigureAwait(false);
            var fanOut = await RunAsync(client, nameof(FanOutProbe), activities, cancellationToken).ConfigureAwait(false);
            return new OverheadResult(activities, chain, fanOut);
        }
        finally
        {
            await worker.StopAsync(isForced: true).ConfigureAwait(false);
            await service.DeleteAsync().ConfigureAwait(false);
        }
    }

    private static async Task<double> RunAsync(DurableTaskClient client, string orchestrator, int activities, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, activities, cancellationToken).ConfigureAwait(false);
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return done.RuntimeStatus == OrchestrationRuntimeStatus.Completed && done.ReadOutputAs<int>() == activities
            ? clock.Elapsed.TotalSeconds
            : throw new InvalidOperationException($"{orchestrator} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
    }

    /// <summary>Calls <see cref="EchoActivity"/> the given number of times, one after the other.</summary>
    internal sealed class ChainProbe : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var sum = 0;
            for (var i = 0; i < input; i++)
            {
                sum += await context.CallActivityAsync<int>(nameof(EchoActivity), 1);
            }

            return sum;
        }
    }

    /// <summary>Calls <see cref="EchoActivity"/> the given number of times at once.</summary>
    internal sealed class FanOutProbe : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input) =>
            (await Task.WhenAll(Enumerable.Range(0, input).Select(_ => context.CallActivityAsync<int>(nameof(EchoActivity), 1)))).Sum();
    }

    /// <summary>Returns its input: an activity with no work of its own.</summary>
    internal sealed class EchoActivity : Microsoft.DurableTask.TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
    }
}
