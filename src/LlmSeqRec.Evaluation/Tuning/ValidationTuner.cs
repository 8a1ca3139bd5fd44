using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSeqRec.Data;
using LlmSeqRec.Models;

namespace LlmSeqRec.Evaluation.Tuning;

/// <summary>
/// Chooses a configuration the way the papers' protocol allows: every grid point is fitted on each validation
/// fold's train part and scored on that fold's cases; points are ranked by the mean of one metric over the folds.
/// The test split is never looked at.
/// </summary>
/// <param name="dataset">A prepared dataset with validation folds.</param>
/// <param name="evaluator">Metrics and cutoffs.</param>
/// <param name="metric">The metric to rank by, e.g. "NDCG@20".</param>
public sealed class ValidationTuner(PreparedDataset dataset, Evaluator evaluator, string metric = "NDCG@20")
{
    /// <summary>Scores every point of <paramref name="grid"/> for the model that <paramref name="create"/> builds; best first.</summary>
    /// <param name="create">Builds the model for a settings value (the point is its Config).</param>
    /// <param name="settings">Preset, seed and other settings shared by all points; its Config is the base the points override.</param>
    /// <param name="grid">The grid (see <see cref="ConfigurationGrid"/>).</param>
    /// <param name="progress">Points done out of the total.</param>
    /// <param name="cancellationToken">Stops between fits.</param>
    public async Task<IReadOnlyList<TuningResult>> RunAsync(
        Func<ModelSettings, IRecommender> create,
        ModelSettings settings,
        JsonElement grid,
        IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(settings);
        if (dataset.Folds.Count == 0)
        {
            throw new ArgumentException($"dataset {dataset.Manifest.Name} has no validation folds to tune on");
        }

        if (!evaluator.Cutoffs.Any(c => metric.EndsWith($"@{c}", StringComparison.Ordinal)))
        {
            throw new ArgumentException($"metric '{metric}' is not computed at the cutoffs {string.Join(", ", evaluator.Cutoffs)}");
        }

        var points = ConfigurationGrid.Expand(grid, settings.Config);
        var results = new List<TuningResult>(points.Count);
        for (var p = 0; p < points.Count; p++)
        {
            using var document = JsonDocument.Parse(points[p].ToJsonString());
            var perFold = new double[dataset.Folds.Count];
            for (var f = 0; f < dataset.Folds.Count; f++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var fold = dataset.Folds[f];
                var model = create(settings with { Config = document.RootElement.Clone() });
                try
                {
                    await model.FitAsync(dataset.FoldTrainingSet(fold), cancellationToken: cancellationToken).ConfigureAwait(false);
                    var scores = evaluator.Run(model, fold.Cases, cancellationToken: cancellationToken);
                    perFold[f] = scores.Metrics.TryGetValue(metric, out var value)
                        ? value
                        : throw new ArgumentException($"unknown metric '{metric}'; computed: {string.Join(", ", scores.Metrics.Keys)}");
                }
                finally
                {
                    (model as IDisposable)?.Dispose();
                }
            }

            results.Add(new TuningResult(points[p], perFold.Average(), perFold));
            progress?.Report((p + 1, points.Count));
        }

        // Stable: equal means keep grid order.
        return results.OrderByDescending(r => r.Mean).ToArray();
    }
}

/// <summary>One grid point's validation score.</summary>
/// <param name="Config">The configuration overrides of the point.</param>
/// <param name="Mean">Mean of the metric over the folds.</param>
/// <param name="PerFold">The metric on each fold.</param>
public sealed record TuningResult(JsonObject Config, double Mean, IReadOnlyList<double> PerFold);
