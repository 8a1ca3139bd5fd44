using System.CommandLine;
using System.Diagnostics;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Data;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Models.Similarity;
using TorchSharp;

namespace LlmSeqRec.Cli.Commands;

/// <summary><c>llmseqrec bench</c>: speed benchmarks whose figures go to BENCHMARKS.md.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Speed benchmarks (figures for BENCHMARKS.md).");
        command.Subcommands.Add(Scoring());
        command.Subcommands.Add(Orchestration());
        command.Subcommands.Add(WorkerOverhead());
        return command;
    }

    /// <summary>
    /// The GPU worker's overhead per job on Azurite: jobs for a tiny SASRec go through the jobs queue to an
    /// in-process worker and back on the completions queue; overhead = wall time minus the job's own fit and
    /// evaluation time (queue pick-up, lease, dataset download, checkpoint and artifact uploads, answer).
    /// </summary>
    private static Command WorkerOverhead()
    {
        var storage = StorageOption.Create();
        var jobs = new Option<int>("--jobs") { Description = "Jobs, one after the other.", DefaultValueFactory = _ => 5 };
        var command = new Command("worker", "Time GPU-worker jobs end to end through the queues on Azurite against their own fit and evaluation time: the worker's overhead per job.");
        command.Options.Add(storage);
        command.Options.Add(jobs);
        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                var connection = StorageOption.Resolve(result, storage);
                var rows = await LlmSeqRec.Worker.WorkerOverhead.MeasureAsync(connection, Math.Max(1, result.GetValue(jobs)), cancellationToken);
                reporter.Table(
                    ["job", "wall s", "fit + evaluate s", "overhead s"],
                    rows.Select((r, i) => (IReadOnlyList<string>)[$"{i + 1}", $"{r.WallSeconds:F2}", $"{r.WorkSeconds:F2}", $"{r.WallSeconds - r.WorkSeconds:F2}"]));
                return 0;
            });
        });
        return command;
    }

    /// <summary>The durable engine's overhead per activity on the local host's backend (Azure Storage; Azurite by default).</summary>
    private static Command Orchestration()
    {
        var storage = StorageOption.Create();
        var activities = new Option<int>("--activities") { Description = "No-op activities per orchestration.", DefaultValueFactory = _ => 100 };
        var command = new Command("orchestration", "Time orchestrations of no-op activities (a chain and a fan-out) on the local host's Azure Storage task hub: the overhead per activity.");
        command.Options.Add(storage);
        command.Options.Add(activities);
        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                var settings = new DurableHost.StorageTaskHubSettings(
                    StorageOption.Resolve(result, storage),
                    $"bench{DateTime.UtcNow:yyyyMMddHHmmss}");
                var n = Math.Max(1, result.GetValue(activities));
                var measured = await DurableHost.OrchestrationOverhead.MeasureAsync(settings, n, cancellationToken);
                reporter.Table(
                    ["orchestration", "activities", "seconds", "ms per activity"],
                    [
                        ["chain", $"{n}", $"{measured.ChainSeconds:F2}", $"{measured.ChainMillisecondsPerActivity:F1}"],
                        ["fan-out", $"{n}", $"{measured.FanOutSeconds:F2}", $"{measured.FanOutMillisecondsPerActivity:F1}"],
                    ]);
                return 0;
            });
        });
        return command;
    }

    /// <summary>
    /// LLMSeqSim's scoring path (session embeddings, one matrix product per batch, prompt filter, top-k) over random
    /// unit item vectors, next to the floor: the bare matrix product of all prompts against all items.
    /// </summary>
    private static Command Scoring()
    {
        var dataset = new DatasetOptions();
        var dims = new Option<int>("--dimensions") { Description = "Vector length (ada-002: 1536).", DefaultValueFactory = _ => 1536 };
        var topK = new Option<int>("--top-k") { Description = "Items per prompt.", DefaultValueFactory = _ => 20 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repetitions (the best counts).", DefaultValueFactory = _ => 3 };
        var command = new Command("scoring", "Time LLMSeqSim scoring of a dataset's test prompts against its catalog with random unit vectors, next to the matrix-product floor.");
        dataset.AddTo(command, datasetRequired: true);
        foreach (var option in new Option[] { dims, topK, repeats })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                var prepared = await DatasetLoading.LoadAsync(reporter, dataset, result, result.GetValue(dataset.Dataset)!, cancellationToken);
                var (d, k, n) = (result.GetValue(dims), result.GetValue(topK), Math.Max(1, result.GetValue(repeats)));
                var items = RandomUnitRows(prepared.Catalog.Count, d, seed: 1);
                var prompts = prepared.Test.Select(c => c.Prompt).ToArray();

                using var model = new LlmSeqSimRecommender(
                    new LlmSeqSimConfig(SessionCombination.Last, SessionDecay.None, SimilarityMeasure.Dot),
                    new FixedEmbeddings(items, d));
                await model.FitAsync(prepared.TrainingSet, cancellationToken: cancellationToken);
                model.Recommend(prompts.Take(500).ToArray(), k, cancellationToken);
                var scoring = Best(n, () => Time(() => model.Recommend(prompts, k, cancellationToken)));

                var floor = Best(n, () =>
                {
                    using var scope = torch.NewDisposeScope();
                    var q = torch.tensor(RandomUnitRows(prompts.Length, d, seed: 2), [prompts.Length, d]);
                    var e = torch.tensor(items, [prepared.Catalog.Count, d]);
                    return Time(() => q.mm(e.t()).Dispose());
                });

                var flops = 2.0 * prompts.Length * prepared.Catalog.Count * d;
                reporter.Info($"{prompts.Length:N0} prompts x {prepared.Catalog.Count:N0} items x {d} dims, top-{k}, {torch.get_num_threads()} threads");
                Console.Out.WriteLine($"matrix-product floor: {floor.TotalMilliseconds:F0} ms ({flops / floor.TotalSeconds / 1e9:F0} GFLOP/s)");
                Console.Out.WriteLine($"LLMSeqSim scoring:    {scoring.TotalMilliseconds:F0} ms ({scoring / floor:F2}x the floor)");
                return 0;
            });
        });
        return command;
    }

    private static TimeSpan Time(Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed;
    }

    private static TimeSpan Best(int repeats, Func<TimeSpan> timed) => Enumerable.Range(0, repeats).Select(_ => timed()).Min();

    private static float[] RandomUnitRows(int rows, int dims, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * dims];
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * dims, dims);
            double norm = 0;
            for (var j = 0; j < dims; j++)
            {
                var g = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
                row[j] = g;
                norm += g * g;
            }

            var scale = (float)(1 / Math.Sqrt(norm));
            for (var j = 0; j < dims; j++)
            {
                row[j] *= scale;
            }
        }

        return values;
    }

    private sealed class FixedEmbeddings(float[] values, int dims) : IItemEmbeddingSource
    {
        public Task<EmbeddingMatrix> GetAsync(Catalog catalog, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new EmbeddingMatrix(new EmbeddingModelId("random", "unit", dims), catalog.Ids, values, 0));
    }
}
