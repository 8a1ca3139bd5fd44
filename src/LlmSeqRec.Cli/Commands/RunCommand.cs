using System.CommandLine;
using LlmSeqRec.Cli.Output;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Data.Demo;
using LlmSeqRec.Evaluation;
using LlmSeqRec.Models;

namespace LlmSeqRec.Cli.Commands;

/// <summary>
/// <c>llmseqrec run</c>: the whole local pipeline: ingest and split, fit and evaluate each model, write the
/// prepared dataset, results.json and results.md under the output folder. Without --dataset it generates the
/// built-in demo dataset, so it works on a fresh clone with no data and no network.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var dataset = new DatasetOptions();
        var output = new Option<string>("--output", "-o") { Description = "Run folder (prepared dataset, results.json, results.md).", DefaultValueFactory = _ => Path.Combine("out", "run") };
        var models = new Option<string[]>("--models")
        {
            Description = "Models to run, each as name or name:preset (e.g. vsknn:p1).",
            DefaultValueFactory = _ => ["popularity", "vsknn:p1", "llmseqsim", "sknnemb"],
            AllowMultipleArgumentsPerToken = true,
        };
        var embedding = new EmbeddingOptions();
        var command = new Command("run", "Run the pipeline locally: ingest, split, fit and evaluate the models, write the results.");
        dataset.AddTo(command, datasetRequired: false);
        command.Options.Add(output);
        command.Options.Add(models);
        embedding.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                var runFolder = Path.GetFullPath(result.GetValue(output)!);
                var source = result.GetValue(dataset.Dataset);
                if (source is null)
                {
                    source = Path.Combine(runFolder, "demo-dataset");
                    reporter.Info($"no --dataset given: generating the demo dataset in {source}");
                    DemoDataset.Write(source);
                }

                var (services, lease) = embedding.Services(result, reporter);
                using var providerLease = lease;
                var recommenders = result.GetValue(models)!.Select(spec => Create(spec, services)).ToArray();
                var prepared = await DatasetLoading.LoadAsync(reporter, dataset, result, source, cancellationToken);
                PreparedDatasetStore.Write(prepared, Path.Combine(runFolder, "dataset"));

                var evaluator = new Evaluator(MetricContext.For(prepared));
                var results = new List<ModelResult>();
                foreach (var recommender in recommenders)
                {
                    results.Add(await ModelRunner.FitAndEvaluateAsync(reporter, recommender, prepared.TrainingSet, prepared.Test, evaluator, cancellationToken));
                    (recommender as IDisposable)?.Dispose();
                }

                AtomicFile.WriteAllText(Path.Combine(runFolder, "results.json"), ResultDocuments.RunJson(prepared, results));
                var markdown = ResultDocuments.RunMarkdown(prepared, results);
                AtomicFile.WriteAllText(Path.Combine(runFolder, "results.md"), markdown);
                reporter.Table(
                    ["model", .. evaluator.Cutoffs.SelectMany(k => new[] { $"NDCG@{k}", $"HitRate@{k}" })],
                    results.Select(r => (IReadOnlyList<string>)[r.Model, .. evaluator.Cutoffs.SelectMany(k => new[] { $"{r.Result[$"NDCG@{k}"]:F4}", $"{r.Result[$"HitRate@{k}"]:F4}" })]));
                Console.Out.WriteLine($"report: {Path.Combine(runFolder, "results.md")}");
                return 0;
            });
        });
        return command;
    }

    /// <summary>A model from "name" or "name:preset".</summary>
    private static IRecommender Create(string spec, ModelServices services)
    {
        var parts = spec.Split(':', 2, StringSplitOptions.TrimEntries);
        return ModelRegistry.Create(parts[0], new ModelSettings(Preset: parts.Length > 1 ? parts[1] : null), services);
    }
}
