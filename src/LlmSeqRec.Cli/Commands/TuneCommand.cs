using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSeqRec.Data;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Evaluation;
using LlmSeqRec.Evaluation.Tuning;
using LlmSeqRec.Models;

namespace LlmSeqRec.Cli.Commands;

/// <summary><c>llmseqrec tune</c>: grid search of a model's configuration on the validation folds (never on test).</summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var dataset = new DatasetOptions();
        var models = new ModelOptions();
        var grid = new Option<string>("--grid")
        {
            Description = "The values to try: a JSON file or inline JSON such as '{\"combination\": [\"last\", \"mean\"], \"similarity\": [\"dot\", \"cosine\"]}'.",
            Required = true,
        };
        var metric = new Option<string>("--metric") { Description = "Metric to rank by (mean over the folds).", DefaultValueFactory = _ => "NDCG@20" };
        var cutoffs = new Option<int[]>("--cutoffs") { Description = "Metric cutoffs.", DefaultValueFactory = _ => [10, 20], AllowMultipleArgumentsPerToken = true };
        var command = new Command("tune", "Grid-search a model's configuration on the validation folds; prints the ranking and, last, the best configuration as JSON.");
        dataset.AddTo(command, datasetRequired: true);
        models.AddTo(command);
        models.Model.Required = true;
        command.Options.Add(grid);
        command.Options.Add(metric);
        command.Options.Add(cutoffs);
        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                var prepared = await DatasetLoading.LoadAsync(reporter, dataset, result, result.GetValue(dataset.Dataset)!, cancellationToken);
                var evaluator = new Evaluator(MetricContext.For(prepared), result.GetValue(cutoffs));
                var name = result.GetValue(models.Model)!;
                var (services, lease) = models.Services(result, reporter);
                using (lease)
                {
                    var tuner = new ValidationTuner(prepared, evaluator, result.GetValue(metric)!);
                    var ranking = await reporter.Progress($"tune {name} on {prepared.Folds.Count} folds", progress => tuner.RunAsync(
                        settings => ModelRegistry.Create(name, settings, services),
                        models.Settings(result),
                        ModelOptions.ReadJson("--grid", result.GetValue(grid))!.Value,
                        new SynchronousProgress<(int Done, int Total)>(p => progress.Report(($"{p.Done}/{p.Total} configurations", (double)p.Done / p.Total))),
                        cancellationToken));

                    var shown = result.GetValue(metric)!;
                    reporter.Table(
                        ["rank", $"mean {shown}", .. prepared.Folds.Select(f => $"fold {f.Number}"), "configuration"],
                        ranking.Select((r, i) => (IReadOnlyList<string>)[
                            (i + 1).ToString(CultureInfo.InvariantCulture),
                            r.Mean.ToString("F6", CultureInfo.InvariantCulture),
                            .. r.PerFold.Select(v => v.ToString("F6", CultureInfo.InvariantCulture)),
                            r.Config.ToJsonString()]));
                    var best = ranking[0];
                    Console.Out.WriteLine(new JsonObject
                    {
                        ["model"] = name,
                        ["metric"] = shown,
                        ["mean"] = best.Mean,
                        ["perFold"] = new JsonArray(best.PerFold.Select(v => (JsonNode)v).ToArray()),
                        ["config"] = best.Config.DeepClone(),
                    }.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
                }

                return 0;
            });
        });
        return command;
    }
}
