using System.Diagnostics;
using System.Text.RegularExpressions;
using LlmSeqRec.TestSupport;
using Xunit.Abstractions;

namespace LlmSeqRec.Cli.Tests;

/// <summary><c>llmseqrec worker</c> as a process: killed mid-training, its job resumes on the next worker; its idle exit.</summary>
public sealed partial class WorkerCommandTests(ITestOutputHelper output)
{
    private const string Config = """{ "maxEpochs": 5, "patience": 10, "embeddingDim": 16, "batchSize": 128, "maxValidationSessions": 100 }""";

    [AzuriteFact]
    public async Task A_worker_killed_mid_training_is_replaced_by_one_that_resumes_from_the_last_checkpoint_to_the_same_result()
    {
        // The uninterrupted run: the same job on another store, in this process, with the same thread count.
        await using var reference = await WorkerTestBed.CreateAsync();
        await reference.SendAsync(reference.Job("sasrec", Config));
        LlmSeqRec.Tensors.TorchRuntime.SetThreads(2);
        await reference.StartWorkerAsync();
        var expected = (await reference.NextCompletionAsync(TimeSpan.FromMinutes(5))).Completion.Result!;

        await using var bed = await WorkerTestBed.CreateAsync();
        var job = bed.Job("sasrec", Config);
        await bed.SendAsync(job);
        int killedAfter;
        using (var first = StartWorker(bed))
        {
            killedAfter = await WaitForEpochAsync(first, minimum: 2, TimeSpan.FromMinutes(3));
            await first.KillHardAsync();
        }

        var killed = Stopwatch.StartNew();
        using var second = StartWorker(bed);
        var resumedAt = await second.WaitForOutputAsync("resuming after epoch", TimeSpan.FromMinutes(3));
        var answer = await bed.NextCompletionAsync(TimeSpan.FromMinutes(5));
        output.WriteLine($"worker killed after epoch {killedAfter}; the job resumed {resumedAt.TotalSeconds:F1} s later (lease 6 s, job lease 15 s), completed {killed.Elapsed.TotalSeconds:F1} s after the kill");
        // Resumption is bounded by the message lease and the job's blob lease, not by luck.
        Assert.InRange(resumedAt.TotalSeconds, 5, 60);

        var resumed = ResumedAfter().Match(second.Output);
        Assert.True(resumed.Success, second.Output);
        Assert.Equal(killedAfter, int.Parse(resumed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var result = answer.Completion.Result!;
        Assert.Equal(expected.Training.Select(e => e.Loss), result.Training.Select(e => e.Loss));
        Assert.Equal(expected.Metrics, result.Metrics);
    }

    [AzuriteFact]
    public async Task With_idle_exit_seconds_the_worker_exits_0_by_itself_on_an_empty_queue()
    {
        var name = Azurite.UniqueName("cw");
        using var worker = ToolProcess.Start(
            Path.Combine(AppContext.BaseDirectory, "llmseqrec.dll"),
            new Dictionary<string, string?> { ["LLMSEQREC_STORAGE"] = Azurite.ConnectionString },
            "worker", "--container", name, "--jobs-queue", $"{name}-jobs", "--completions-queue", $"{name}-done", "--idle-exit-seconds", "1");

        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains($"no job for 1 s on {name}-jobs and none running: the worker stops (idle exit)", worker.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex("resuming after epoch (\\d+)")]
    private static partial Regex ResumedAfter();

    [GeneratedRegex("train: epoch (\\d+):")]
    private static partial Regex EpochLine();

    /// <summary>Starts a <c>llmseqrec worker</c> child process on the bed's queues.</summary>
    private static ToolProcess StartWorker(WorkerTestBed bed) => ToolProcess.Start(
        Path.Combine(AppContext.BaseDirectory, "llmseqrec.dll"),
        new Dictionary<string, string?> { ["LLMSEQREC_STORAGE"] = Azurite.ConnectionString },
        "worker", "--container", bed.Name, "--jobs-queue", bed.Options.JobsQueue, "--completions-queue", bed.Options.CompletionsQueue,
        "--lease-seconds", "6", "--threads", "2", "--cache", bed.Temp[$"cache-{Guid.NewGuid():N}"]);

    /// <summary>Waits until <paramref name="worker"/> has logged an epoch of at least <paramref name="minimum"/>; returns the last epoch logged.</summary>
    private static async Task<int> WaitForEpochAsync(ToolProcess worker, int minimum, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var epochs = EpochLine().Matches(worker.Output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            if (epochs.Length > 0 && epochs[^1] >= minimum)
            {
                return epochs[^1];
            }

            Assert.False(worker.HasExited || clock.Elapsed > timeout, worker.Output);
            await Task.Delay(20);
        }
    }
}
