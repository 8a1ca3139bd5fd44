using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSeqRec.Data;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Evaluation;
using LlmSeqRec.Models;
using LlmSeqRec.Models.Neural;
using LlmSeqRec.Tensors;

namespace LlmSeqRec.Cli.Commands;

/// <summary>
/// <c>llmseqrec train</c>: trains a model (the neural ones to early stopping on their inner validation), with one
/// progress line per epoch on standard error, writes the trained model (neural models: a
/// <see cref="NeuralModelArtifact"/> folder) and scores it on the test cases. Checkpoints go to a folder when one is
/// given, and a restarted run resumes from the last one.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var dataset = new DatasetOptions();
        var models = new ModelOptions();
        var epochs = new Option<int?>("--epochs") { Description = "Maximum epochs (overrides maxEpochs of the configuration)." };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "Folder for the training checkpoint (written after every epoch; a restarted run resumes from it)." };
        var cutoffs = new Option<int[]>("--cutoffs") { Description = "Metric cutoffs.", DefaultValueFactory = _ => [10, 20], AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print {\"sessions\": n, \"metrics\": {...}} on standard output." };
        var output = new Option<string?>("--output") { Description = "Folder of the trained model artifact (default: models/<model>[-<preset>]-s<seed> in the current folder)." };

        var command = new Command("train", "Train a model (sasrec, llm2sasrec, ...) to early stopping and score it on the test cases.");
        dataset.AddTo(command, datasetRequired: true);
        models.AddTo(command);
        models.Model.Required = true;
        foreach (var option in new Option[] { epochs, checkpoints, output, cutoffs, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                var prepared = await DatasetLoading.LoadAsync(reporter, dataset, result, result.GetValue(dataset.Dataset)!, cancellationToken);
                var settings = models.Settings(result);
                if (result.GetValue(epochs) is { } maxEpochs)
                {
                    settings = settings with { Config = WithField(settings.Config, "maxEpochs", maxEpochs) };
                }

                if (result.GetValue(models.Embedding.Threads) is { } threads)
                {
                    TorchRuntime.SetThreads(threads);
                }

                var (services, lease) = models.Services(result, reporter);
                using (lease)
                {
                    if (result.GetValue(checkpoints) is { } folder)
                    {
                        services = services with { Checkpoints = new FileCheckpointStore(folder) };
                    }

                    var model = ModelRegistry.Create(result.GetValue(models.Model)!, settings, services);
                    try
                    {
                        if (model is NeuralRecommender)
                        {
                            reporter.Info($"[{model.Name}] libtorch threads: {TorchRuntime.Threads}");
                        }

                        var clock = Stopwatch.StartNew();
                        await model.FitAsync(prepared.TrainingSet, new SynchronousProgress<FitProgress>(p =>
                        {
                            if (p.Detail is { } line)
                            {
                                reporter.Info($"[{model.Name}] {line}");
                            }
                        }), cancellationToken);
                        var fitSeconds = clock.Elapsed.TotalSeconds;
                        if (model is NeuralRecommender { Outcome: { } outcome } neural)
                        {
                            reporter.Info($"[{model.Name}] {outcome.History.Count} epochs on {outcome.TrainSequences:N0} sequences " +
                                          $"({outcome.ValidationSequences:N0} held out), best epoch {outcome.BestEpoch} (val NDCG@20 {outcome.BestScore:F4}), fit {fitSeconds:F1} s");
                            var artifact = result.GetValue(output) ?? DefaultOutput(result.GetValue(models.Model)!, settings);
                            neural.Save(artifact, prepared.Catalog);
                            reporter.Info($"[{model.Name}] model artifact: {Path.GetFullPath(artifact)}");
                        }

                        clock.Restart();
                        var evaluator = new Evaluator(MetricContext.For(prepared), result.GetValue(cutoffs));
                        var scores = evaluator.Run(model, prepared.Test, cancellationToken: cancellationToken);
                        reporter.Info($"[{model.Name}] test: {scores.Sessions:N0} cases scored in {clock.Elapsed.TotalSeconds:F1} s");
                        EvaluateCommand.Print(reporter, scores, result.GetValue(json));
                    }
                    finally
                    {
                        (model as IDisposable)?.Dispose();
                    }
                }

                return 0;
            });
        });
        return command;
    }

    // models/<model>[-<preset>]-s<seed>: one folder per model, preset and seed.
    private static string DefaultOutput(string model, ModelSettings settings) =>
        Path.Combine("models", string.Join('-', new[] { model.ToLowerInvariant(), settings.Preset?.ToLowerInvariant() }.OfType<string>()) +
                               $"-s{settings.Seed ?? SasRecFactory.DefaultSeed}");

    // The --config JSON object with one more field.
    private static JsonElement WithField(JsonElement? config, string name, int value)
    {
        var merged = config is { ValueKind: JsonValueKind.Object } element ? JsonNode.Parse(element.GetRawText())!.AsObject() : [];
        merged[name] = value;
        return JsonSerializer.SerializeToElement(merged);
    }
}
