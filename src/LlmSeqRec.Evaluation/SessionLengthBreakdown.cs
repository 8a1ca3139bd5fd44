using System.Globalization;
using LlmSeqRec.Data;
using LlmSeqRec.Evaluation.Metrics;

namespace LlmSeqRec.Evaluation;

/// <summary>
/// HitRate@k per prompt-length bucket: how a model does on short and on long sessions. Buckets are given by their
/// ascending lower bounds: bucket i holds the prompts of length bound[i] to bound[i+1] − 1, the last one is open.
/// A hit is counted as <see cref="Evaluator"/> counts it (slate truncated to k, then de-duplicated).
/// </summary>
/// <param name="Cutoff">The cutoff k.</param>
/// <param name="Buckets">One per lower bound, in order; empty buckets are kept (0 cases, hit rate 0).</param>
public sealed record SessionLengthBreakdown(int Cutoff, IReadOnlyList<SessionLengthBucket> Buckets)
{
    /// <summary>The default lower bounds: 1, 2, 3, 4, 5–6, 7–9, 10–19, 20+.</summary>
    public static readonly IReadOnlyList<int> DefaultBounds = [1, 2, 3, 4, 5, 7, 10, 20];

    /// <summary>
    /// Scores <paramref name="recommendations"/>[i] against <paramref name="cases"/>[i] at <paramref name="cutoff"/>,
    /// grouped by prompt length. Cases shorter than the first bound are left out.
    /// </summary>
    /// <param name="cases">The evaluation cases.</param>
    /// <param name="recommendations">One list per case, best first (as <see cref="Evaluator.Score"/> takes them).</param>
    /// <param name="cutoff">k, positive.</param>
    /// <param name="bounds">Strictly ascending, non-negative lower bounds; <see cref="DefaultBounds"/> when null.</param>
    public static SessionLengthBreakdown Compute(
        IReadOnlyList<EvaluationCase> cases,
        IReadOnlyList<int[]> recommendations,
        int cutoff,
        IReadOnlyList<int>? bounds = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(recommendations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cutoff);
        if (cases.Count != recommendations.Count)
        {
            throw new ArgumentException($"{cases.Count} cases but {recommendations.Count} recommendation lists");
        }

        bounds ??= DefaultBounds;
        if (bounds.Count == 0 || bounds[0] < 0 || bounds.Zip(bounds.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("bounds must be non-negative, strictly ascending and at least one", nameof(bounds));
        }

        var counts = new int[bounds.Count];
        var hits = new int[bounds.Count];
        for (var c = 0; c < cases.Count; c++)
        {
            var bucket = BucketOf(cases[c].Prompt.Length, bounds);
            if (bucket < 0)
            {
                continue;
            }

            counts[bucket]++;
            if (Slate.Create(recommendations[c], cases[c].GroundTruth, cutoff).HitCount > 0)
            {
                hits[bucket]++;
            }
        }

        var buckets = new SessionLengthBucket[bounds.Count];
        for (var b = 0; b < bounds.Count; b++)
        {
            int? max = b + 1 < bounds.Count ? bounds[b + 1] - 1 : null;
            buckets[b] = new SessionLengthBucket(Label(bounds[b], max), bounds[b], max, counts[b], hits[b]);
        }

        return new SessionLengthBreakdown(cutoff, buckets);
    }

    private static int BucketOf(int length, IReadOnlyList<int> bounds)
    {
        for (var b = bounds.Count - 1; b >= 0; b--)
        {
            if (length >= bounds[b])
            {
                return b;
            }
        }

        return -1;
    }

    private static string Label(int min, int? max) => max switch
    {
        null => string.Create(CultureInfo.InvariantCulture, $"{min}+"),
        _ when max == min => min.ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{min}-{max}"),
    };
}

/// <summary>One prompt-length bucket of a <see cref="SessionLengthBreakdown"/>.</summary>
/// <param name="Label">E.g. "1", "5-6", "20+".</param>
/// <param name="MinLength">Shortest prompt length in the bucket.</param>
/// <param name="MaxLength">Longest prompt length in the bucket; null for the open last bucket.</param>
/// <param name="Cases">Cases whose prompt falls in the bucket.</param>
/// <param name="Hits">Of those, cases with a ground-truth item in the top k.</param>
public sealed record SessionLengthBucket(string Label, int MinLength, int? MaxLength, int Cases, int Hits)
{
    /// <summary>Hits / cases; 0 for an empty bucket.</summary>
    public double HitRate => Cases == 0 ? 0 : (double)Hits / Cases;
}
