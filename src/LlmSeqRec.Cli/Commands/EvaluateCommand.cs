using System.CommandLine;
using System.Text.Json;
using LlmSeqRec.Cli.Output;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Data;
using LlmSeqRec.Evaluation;
using LlmSeqRec.Models;

namespace LlmSeqRec.Cli.Commands;

/// <summary>
/// <c>llmseqrec evaluate</c>: scores a recommendation file (SessionId,Rank,ItemId) or a model against a dataset's
/// test cases or a validation fold, with the papers' metrics.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var dataset = new DatasetOptions();
        var recs = new Option<string>("--recs") { Description = "Recommendation file to score: CSV with SessionId,Rank,ItemId (ids of the dataset's input)." };
        var models = new ModelOptions();
        var model = models.Model;
        var split = new Option<string>("--split") { Description = "test, or fold-N for validation fold N (the model is fitted on that fold's train part).", DefaultValueFactory = _ => "test" };
        var cutoffs = new Option<int[]>("--cutoffs") { Description = "Metric cutoffs.", DefaultValueFactory = _ => [10, 20], AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print {\"sessions\": n, \"metrics\": {...}} on standard output." };

        var command = new Command("evaluate", "Score a recommendation file or a model with NDCG, HitRate, MRR, catalog coverage, serendipity and novelty.");
        dataset.AddTo(command, datasetRequired: true);
        models.AddTo(command);
        foreach (var option in new Option[] { recs, split, cutoffs, json })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(r =>
        {
            if (r.GetValue(recs) is null == r.GetValue(model) is null)
            {
                r.AddError("give exactly one of --recs and --model");
            }
        });

        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                var prepared = await DatasetLoading.LoadAsync(reporter, dataset, result, result.GetValue(dataset.Dataset)!, cancellationToken);
                var (cases, training) = SelectSplit(prepared, result.GetValue(split)!);
                var evaluator = new Evaluator(MetricContext.For(prepared), result.GetValue(cutoffs));
                EvaluationResult scores;
                if (result.GetValue(recs) is { } recsFile)
                {
                    var file = RecommendationFile.Read(recsFile, prepared, cases);
                    if (file.CasesWithoutRecommendations > 0)
                    {
                        reporter.Warn($"{file.CasesWithoutRecommendations:N0} of {cases.Count:N0} cases have no recommendations in {recsFile} and are skipped");
                    }

                    if (file.SessionsNotInCases > 0)
                    {
                        reporter.Warn($"{file.SessionsNotInCases:N0} sessions in {recsFile} are not cases of this split and are ignored");
                    }

                    if (file.UnknownItems > 0)
                    {
                        reporter.Warn($"{file.UnknownItems:N0} recommended items are not in the catalog");
                    }

                    scores = evaluator.Score(file.Cases, file.Recommendations);
                }
                else
                {
                    var (recommender, lease) = models.Create(result, reporter);
                    using (lease)
                    {
                        scores = (await ModelRunner.FitAndEvaluateAsync(reporter, recommender, training, cases, evaluator, cancellationToken)).Result;
                    }

                    (recommender as IDisposable)?.Dispose();
                }

                Print(reporter, scores, result.GetValue(json));
                return 0;
            });
        });
        return command;
    }

    /// <summary>The cases of a split and the training set that goes with them.</summary>
    public static (IReadOnlyList<EvaluationCase> Cases, TrainingSet Training) SelectSplit(PreparedDataset dataset, string split)
    {
        if (split.Equals("test", StringComparison.OrdinalIgnoreCase))
        {
            return (dataset.Test, dataset.TrainingSet);
        }

        if (split.StartsWith("fold-", StringComparison.OrdinalIgnoreCase) && int.TryParse(split.AsSpan(5), out var n) &&
            dataset.Folds.FirstOrDefault(f => f.Number == n) is { } fold)
        {
            return (fold.Cases, dataset.FoldTrainingSet(fold));
        }

        throw new ArgumentException($"--split '{split}': use test or fold-1..fold-{dataset.Folds.Count}");
    }

    /// <summary>The scores: one JSON line on standard output, or a table on standard error.</summary>
    public static void Print(ConsoleReporter reporter, EvaluationResult scores, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(ResultDocuments.MetricsJson(scores));
            return;
        }

        reporter.Table(["metric", "value"], scores.Metrics.Select(m => (IReadOnlyList<string>)[m.Key, m.Value.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)]));
        Console.Out.WriteLine($"{scores.Sessions} sessions evaluated");
    }
}
