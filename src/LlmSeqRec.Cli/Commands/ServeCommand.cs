using System.CommandLine;
using System.Security.Cryptography;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.DurableHost;
using Microsoft.Extensions.Hosting;

namespace LlmSeqRec.Cli.Commands;

/// <summary>
/// <c>llmseqrec serve</c>: the local durable host. Runs the pipeline orchestrations on the Durable Task Azure
/// Storage backend (Azurite locally; any storage connection string) and serves the pipeline HTTP API on 127.0.0.1
/// with an API key. Several hosts on one task hub share the work.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Environment variable of the API key.</summary>
    public const string ApiKeyVariable = "LLMSEQREC_API_KEY";

    public static Command Create()
    {
        var storage = StorageOption.Create();
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 7071 };
        var taskHub = new Option<string>("--task-hub") { Description = "Task hub name; hosts with the same name share the work.", DefaultValueFactory = _ => "llmseqrec" };
        var container = new Option<string>("--container") { Description = "Blob container of the artifacts.", DefaultValueFactory = _ => "llmseqrec" };
        var jobsQueue = new Option<string>("--jobs-queue") { Description = "Queue of the GPU-worker jobs.", DefaultValueFactory = _ => "llmseqrec-jobs" };
        var completionsQueue = new Option<string>("--completions-queue") { Description = "Queue of the workers' answers.", DefaultValueFactory = _ => "llmseqrec-completions" };
        var cache = new Option<string?>("--cache") { Description = "Local folder for downloaded artifacts (default: under the temp folder)." };
        var threads = new Option<int?>("--threads") { Description = "Threads of the local embedding model (default: all cores)." };
        var visibility = new Option<double>("--recovery-seconds")
        {
            Description = "How soon the work of a host that died is picked up again (message visibility and partition lease).",
            DefaultValueFactory = _ => 30,
        };
        var command = new Command("serve", $"Run the local durable host and the pipeline HTTP API on 127.0.0.1 (API key from ${ApiKeyVariable}; one is generated and printed when it is not set).");
        foreach (var option in new Option[] { storage, port, taskHub, container, jobsQueue, completionsQueue, cache, threads, visibility })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                var key = Environment.GetEnvironmentVariable(ApiKeyVariable);
                if (string.IsNullOrEmpty(key))
                {
                    key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                    reporter.Warn($"${ApiKeyVariable} is not set: this run's API key is {key}");
                }

                var recovery = TimeSpan.FromSeconds(result.GetValue(visibility));
                var options = new LocalHostOptions(
                    StorageOption.Resolve(result, storage),
                    key,
                    result.GetValue(port),
                    result.GetValue(taskHub)!,
                    result.GetValue(container)!,
                    result.GetValue(jobsQueue)!,
                    result.GetValue(completionsQueue)!,
                    CacheRoot: result.GetValue(cache),
                    LocalThreads: result.GetValue(threads),
                    WorkItemVisibilityTimeout: recovery,
                    LeaseInterval: recovery);
                await using var app = LocalPipelineHost.Build(options);
                await app.StartAsync(cancellationToken);
                Console.Out.WriteLine($"serving the pipeline API on {string.Join(", ", app.Urls)}/api/pipelines (task hub {options.TaskHub})");
                await app.WaitForShutdownAsync(cancellationToken);
                return 0;
            });
        });
        return command;
    }
}
