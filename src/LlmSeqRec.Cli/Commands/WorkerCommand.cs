using System.CommandLine;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.Cli.Commands;

/// <summary>
/// <c>llmseqrec worker</c>: the GPU worker's loop on this machine (the same loop as the gpu-worker container): takes
/// model jobs from the jobs queue, trains and evaluates with a checkpoint per epoch, answers on the completions
/// queue. CPU here; CUDA where the build and the model's device setting provide it.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var storage = StorageOption.Create();
        var container = new Option<string>("--container") { Description = "Blob container of the artifacts.", DefaultValueFactory = _ => "llmseqrec" };
        var jobs = new Option<string>("--jobs-queue") { Description = "Queue of the jobs.", DefaultValueFactory = _ => "llmseqrec-jobs" };
        var completions = new Option<string>("--completions-queue") { Description = "Queue of the answers.", DefaultValueFactory = _ => "llmseqrec-completions" };
        var lease = new Option<double>("--lease-seconds") { Description = "How long a taken job stays hidden without renewal (a dead worker's job reappears after this).", DefaultValueFactory = _ => 120 };
        var attempts = new Option<int>("--max-attempts") { Description = "Deliveries of a job before it is reported failed.", DefaultValueFactory = _ => 3 };
        var cache = new Option<string?>("--cache") { Description = "Local folder for downloaded artifacts (default: under the temp folder)." };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: all cores)." };
        var idleExit = new Option<double>("--idle-exit-seconds") { Description = "Exit (code 0) once no job has come for this many seconds and none runs; 0 runs until stopped.", DefaultValueFactory = _ => 0 };
        idleExit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 86400)
            {
                r.AddError("--idle-exit-seconds must be from 0 to 86400");
            }
        });
        var command = new Command("worker", "Run the GPU worker's job loop: train and evaluate the neural-model jobs of the pipeline's queue until stopped (Ctrl+C finishes by handing the current job back).");
        foreach (var option in new Option[] { storage, container, jobs, completions, lease, attempts, cache, threads, idleExit })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                if (result.GetValue(threads) is { } count)
                {
                    LlmSeqRec.Tensors.TorchRuntime.SetThreads(count);
                }

                var options = new WorkerOptions(
                    StorageOption.Resolve(result, storage),
                    result.GetValue(container)!,
                    result.GetValue(jobs)!,
                    result.GetValue(completions)!,
                    result.GetValue(cache),
                    TimeSpan.FromSeconds(result.GetValue(lease)),
                    result.GetValue(attempts),
                    IdleExit: result.GetValue(idleExit) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null);
                var builder = Host.CreateApplicationBuilder();
                builder.Logging.ClearProviders();
                builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
                builder.Logging.AddFilter("Azure", LogLevel.Warning);
                builder.Services.AddGpuWorker(options);
                builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
                using var host = builder.Build();
                await host.RunAsync(cancellationToken);
                return 0;
            });
        });
        return command;
    }
}
