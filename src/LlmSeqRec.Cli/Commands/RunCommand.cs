using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.DurableHost;
using LlmSeqRec.Pipeline.Api;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Orchestration;
using LlmSeqRec.Pipeline.Specification;
using Microsoft.DurableTask.Client;

namespace LlmSeqRec.Cli.Commands;

/// <summary>
/// <c>llmseqrec run</c>: the main job. The whole training pipeline (ingest, split, embed, models, promote, report)
/// on this machine with nothing to start: the pipeline's orchestrations on the in-memory Durable Task engine,
/// artifacts in a local folder with the blob layout (<c>&lt;output&gt;/store</c>), local embeddings, neural jobs on an
/// in-process worker. Without --dataset it runs on the built-in demo dataset (no data, no network needed). Ends by
/// printing the path of the HTML report.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var dataset = new DatasetOptions();
        dataset.Dataset.Description = "Dataset: a folder (CSV dataset or Amazon 2014 dumps), an http(s) URL of a .zip of one, or 'demo' (the default).";
        var output = new Option<string>("--output", "-o") { Description = "Run folder: the artifact store (store/) and the local cache (cache/).", DefaultValueFactory = _ => Path.Combine("out", "run") };
        var models = new Option<string[]>("--models")
        {
            Description = "Models to run, each as name, name:preset or name:preset:seed (e.g. vsknn:p1, sasrec:p1:42).",
            DefaultValueFactory = _ => ["popularity", "vsknn:p1", "llmseqsim", "sknnemb"],
            AllowMultipleArgumentsPerToken = true,
        };
        var specFile = new Option<string?>("--spec") { Description = "A pipeline spec (JSON file, as POST /api/pipelines takes) instead of the dataset and model options." };
        var runId = new Option<string?>("--id") { Description = "Run id (default: run-<date>-<time>)." };
        var threads = new Option<int?>("--threads") { Description = "Threads of the local embedding model (default: all cores)." };
        var command = new Command("run", "Run the whole training pipeline locally (ingest, split, embed, models, promote, report) and print the report's path.");
        foreach (var option in new Option[] { dataset.Dataset, dataset.KCore, dataset.TestFraction, dataset.Folds, dataset.SkipBadLines, dataset.DropUnknownItems, output, models, specFile, runId, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                PipelineSpec spec;
                try
                {
                    spec = result.GetValue(specFile) is { } file
                        ? PipelineSpecReader.Read(await File.ReadAllTextAsync(file, cancellationToken))
                        : PipelineSpecReader.Validate(new PipelineSpec(
                            new DatasetSpec(
                                SourceOf(result.GetValue(dataset.Dataset)),
                                KCore: result.GetValue(dataset.KCore),
                                TestFraction: result.GetValue(dataset.TestFraction),
                                Folds: result.GetValue(dataset.Folds),
                                SkipBadLines: result.GetValue(dataset.SkipBadLines),
                                DropUnknownItems: result.GetValue(dataset.DropUnknownItems)),
                            Models: result.GetValue(models)!.Select(ParseModel).ToArray()));
                }
                catch (PipelineSpecException e)
                {
                    foreach (var error in e.Errors)
                    {
                        reporter.Error(error.ToString());
                    }

                    return CommandRunner.BadInput;
                }

                var folder = Path.GetFullPath(result.GetValue(output)!);
                await using var host = await InProcessPipelineHost.StartAsync(Path.Combine(folder, "store"), Path.Combine(folder, "cache"), result.GetValue(threads), cancellationToken);
                var runs = new PipelineRuns(host.Client, host.Store);
                string id;
                try
                {
                    id = await runs.StartAsync(JsonSerializer.Serialize(spec, PipelineSpecReader.JsonOptions), result.GetValue(runId) ?? $"run-{DateTime.Now:yyyyMMdd-HHmmss}", cancellationToken);
                }
                catch (InvalidOperationException e)
                {
                    reporter.Error(e.Message);
                    return CommandRunner.BadInput;
                }

                reporter.Info($"run {id}: dataset {spec.Dataset.Source}, models {string.Join(", ", spec.Models!.Select(m => m.Slug))}; artifacts in {host.Store.Root}");
                var metadata = await FollowAsync(reporter, host.Client, id, cancellationToken);
                var run = (await runs.GetAsync(id, cancellationToken))!;
                if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed || run.Outcome is not { } outcome)
                {
                    reporter.Error($"run {id} {metadata.RuntimeStatus.ToString().ToLowerInvariant()}: {run.Error}");
                    return 1;
                }

                var cutoffs = spec.Cutoffs!;
                reporter.Table(
                    ["model", "state", .. cutoffs.SelectMany(k => new[] { $"NDCG@{k}", $"HitRate@{k}" })],
                    outcome.Models.Select(m => (IReadOnlyList<string>)[
                        m.Slug,
                        m.State.ToString().ToLowerInvariant(),
                        .. cutoffs.SelectMany(k => new[] { Metric(m.Result?.Metrics, $"NDCG@{k}"), Metric(m.Result?.Metrics, $"HitRate@{k}") })]));
                foreach (var failed in outcome.Models.Where(m => m.Error is not null))
                {
                    reporter.Warn($"{failed.Slug}: {failed.Error}");
                }

                reporter.Info($"promotion: {outcome.Promotion.Reason}");
                Console.Out.WriteLine($"report: {host.Store.Locate($"{ArtifactLayout.RunReport(id)}/report.html")}");
                return 0;
            });
        });
        return command;
    }

    /// <summary>Shows the run's stages as progress bars until it ends.</summary>
    private static Task<OrchestrationMetadata> FollowAsync(ConsoleReporter reporter, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        reporter.Progress("pipeline", async progress =>
        {
            while (true)
            {
                // Custom status comes only with the payloads on the gRPC client.
                var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
                if (metadata?.SerializedCustomStatus is { Length: > 0 } && metadata.ReadCustomStatusAs<PipelineStatus>() is { } status)
                {
                    var start = PipelineStages.StartPercent(status.Stage);
                    var end = PipelineStages.EndPercent(status.Stage);
                    progress.Report((status.Stage, end > start ? (status.Percent - start) / (double)(end - start) : 1));
                }

                if (metadata is { IsCompleted: true })
                {
                    return metadata;
                }

                await Task.Delay(200, cancellationToken);
            }
        });

    /// <summary>A dataset source from --dataset: a folder, a URL, or the demo dataset when absent.</summary>
    private static string SourceOf(string? dataset) =>
        dataset is null || dataset.Equals("demo", StringComparison.OrdinalIgnoreCase) || dataset.Contains("://", StringComparison.Ordinal)
            ? dataset ?? "demo"
            : Path.GetFullPath(dataset);

    /// <summary>A model from "name", "name:preset" or "name:preset:seed" (an empty preset is none).</summary>
    private static ModelSpec ParseModel(string text)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        return new ModelSpec(
            parts[0],
            parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null,
            Seed: parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : null);
    }

    private static string Metric(IReadOnlyDictionary<string, double>? metrics, string name) =>
        metrics is not null && metrics.TryGetValue(name, out var value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
