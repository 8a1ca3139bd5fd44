using LlmSeqRec.Data;
using LlmSeqRec.Evaluation.Metrics;
using LlmSeqRec.Models;

namespace LlmSeqRec.Evaluation;

/// <summary>
/// Scores recommendation lists against evaluation cases with the papers' metrics at each cutoff, and runs a
/// model over a set of cases in batches.
/// </summary>
public sealed class Evaluator(MetricContext context, IReadOnlyList<int>? cutoffs = null)
{
    /// <summary>The papers' cutoffs.</summary>
    public static readonly IReadOnlyList<int> DefaultCutoffs = [10, 20];

    private static readonly ISampleMetric[] SampleMetrics = [new Ndcg(), new HitRate(), new Mrr()];
    private static readonly ISampleMetric[] PopularityMetrics = [new Serendipity(), new Novelty()];

    /// <summary>The cutoffs, ascending.</summary>
    public IReadOnlyList<int> Cutoffs { get; } = (cutoffs ?? DefaultCutoffs).Distinct().Order().ToArray() is { Length: > 0 } c && c[0] > 0
        ? c
        : throw new ArgumentException("cutoffs must be positive and at least one", nameof(cutoffs));

    /// <summary>The largest cutoff: how many items to ask a model for.</summary>
    public int MaxCutoff => Cutoffs[^1];

    /// <summary>Scores <paramref name="recommendations"/>[i] against <paramref name="cases"/>[i].</summary>
    public EvaluationResult Score(IReadOnlyList<EvaluationCase> cases, IReadOnlyList<int[]> recommendations)
    {
        if (cases.Count != recommendations.Count)
        {
            throw new ArgumentException($"{cases.Count} cases but {recommendations.Count} recommendation lists");
        }

        var metrics = new Dictionary<string, double>();
        foreach (var k in Cutoffs)
        {
            var sums = new double[SampleMetrics.Length + PopularityMetrics.Length];
            var coverage = new CatalogCoverage();
            for (var c = 0; c < cases.Count; c++)
            {
                var slate = Slate.Create(recommendations[c], cases[c].GroundTruth, k);
                for (var m = 0; m < SampleMetrics.Length; m++)
                {
                    sums[m] += SampleMetrics[m].Score(slate, context);
                }

                for (var m = 0; m < PopularityMetrics.Length; m++)
                {
                    sums[SampleMetrics.Length + m] += PopularityMetrics[m].Score(slate, context);
                }

                coverage.Add(slate);
            }

            var n = Math.Max(1, cases.Count);
            for (var m = 0; m < SampleMetrics.Length; m++)
            {
                metrics[$"{SampleMetrics[m].Name}@{k}"] = sums[m] / n;
            }

            metrics[$"{CatalogCoverage.Name}@{k}"] = coverage.Value(context);
            for (var m = 0; m < PopularityMetrics.Length; m++)
            {
                metrics[$"{PopularityMetrics[m].Name}@{k}"] = sums[SampleMetrics.Length + m] / n;
            }
        }

        return new EvaluationResult(cases.Count, metrics);
    }

    /// <summary>Asks <paramref name="model"/> for the top <see cref="MaxCutoff"/> items of every case, in batches, and scores them.</summary>
    public EvaluationResult Run(
        IRecommender model,
        IReadOnlyList<EvaluationCase> cases,
        int batchSize = 1000,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default) =>
        Score(cases, Recommend(model, cases, batchSize, progress, cancellationToken));

    /// <summary>The top <see cref="MaxCutoff"/> items of every case from <paramref name="model"/>, asked in batches (for <see cref="Score"/>).</summary>
    public IReadOnlyList<int[]> Recommend(
        IRecommender model,
        IReadOnlyList<EvaluationCase> cases,
        int batchSize = 1000,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var recommendations = new List<int[]>(cases.Count);
        for (var start = 0; start < cases.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = cases.Skip(start).Take(batchSize).Select(c => c.Prompt).ToArray();
            recommendations.AddRange(model.Recommend(batch, MaxCutoff, cancellationToken));
            progress?.Report((double)Math.Min(cases.Count, start + batchSize) / cases.Count);
        }

        return recommendations;
    }
}
