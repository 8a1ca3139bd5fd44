using LlmSeqRec.Data;

namespace LlmSeqRec.Evaluation.Tests;

public class EvaluatorTests
{
    private const double Tolerance = 1e-12;

    // Total 32: self-information of items 0..5 is 1, 2, 3, 4, 5, 5 bits; item 6 has no count, item 9 is unknown.
    // Popularity order 0, 1, 2, 3, 4, 5. Six items have a count.
    private static readonly MetricContext Context = new([16, 8, 4, 2, 1, 1, 0]);

    private static readonly EvaluationCase[] Cases =
    [
        new(0, [4], [3]),
        new(1, [5], [1]),
        new(2, [6], [0]),
    ];

    private static readonly int[][] Recommendations =
    [
        [2, 0, 3],
        [1, 1, 4],
        [9, 9, 0],
    ];

    private static readonly string[] MetricOrder = ["NDCG", "HitRate", "MRR", "CatalogCoverage", "Serendipity", "Novelty"];

    private static void AssertMetric(double expected, EvaluationResult result, string metric) =>
        Assert.True(Math.Abs(expected - result[metric]) <= Tolerance, $"{metric}: expected {expected}, got {result[metric]}");

    [Fact]
    public void DefaultCutoffsAreTenAndTwenty()
    {
        var evaluator = new Evaluator(Context);

        Assert.Equal([10, 20], evaluator.Cutoffs);
        Assert.Equal(20, evaluator.MaxCutoff);
        Assert.Equal([10, 20], Evaluator.DefaultCutoffs);
    }

    [Fact]
    public void CustomCutoffsAreSortedAndDistinct()
    {
        var evaluator = new Evaluator(Context, [5, 1, 5, 3]);

        Assert.Equal([1, 3, 5], evaluator.Cutoffs);
        Assert.Equal(5, evaluator.MaxCutoff);
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0, 10 })]
    [InlineData(new[] { -1 })]
    public void CutoffsMustBePositiveAndAtLeastOne(int[] cutoffs) =>
        Assert.Throws<ArgumentException>(() => new Evaluator(Context, cutoffs));

    [Fact]
    public void ScoresEveryMetricAtEveryCutoffByHand()
    {
        var result = new Evaluator(Context, [2, 3]).Score(Cases, Recommendations);

        // k = 2. Slates: [2,0] (miss), [1] (hit at 1), [9] (miss). Expected set {0,1}.
        // Serendipity: case 1 truth 3 is unexpected but missed; cases 2 and 3 have only expected truths.
        // Novelty: (3+1)/2 = 2, 2/1 = 2, 0/1 = 0. Coverage {2,0,1,9} = 4 of 6.
        Assert.Equal(3, result.Sessions);
        AssertMetric(1.0 / 3, result, "NDCG@2");
        AssertMetric(1.0 / 3, result, "HitRate@2");
        AssertMetric(1.0 / 3, result, "MRR@2");
        AssertMetric(4.0 / 6, result, "CatalogCoverage@2");
        AssertMetric(0.0, result, "Serendipity@2");
        AssertMetric(4.0 / 3, result, "Novelty@2");

        // k = 3. Slates: [2,0,3] (hit at 3), [1,4] (hit at 1), [9,0] (hit at 2). Expected set {0,1,2}.
        // Serendipity: 1 (case 1, truth 3 unexpected and hit), 0, 0.
        // Novelty: (3+1+4)/3, (2+5)/2, (0+1)/2. Coverage {2,0,3,1,4,9} = 6 of 6.
        AssertMetric((0.5 + 1 + (1 / Math.Log(3, 2))) / 3, result, "NDCG@3");
        AssertMetric(1.0, result, "HitRate@3");
        AssertMetric((1.0 / 3 + 1 + 0.5) / 3, result, "MRR@3");
        AssertMetric(1.0, result, "CatalogCoverage@3");
        AssertMetric(1.0 / 3, result, "Serendipity@3");
        AssertMetric(((8.0 / 3) + 3.5 + 0.5) / 3, result, "Novelty@3");
    }

    [Fact]
    public void KeysAreGroupedByCutoffInAFixedOrder()
    {
        var result = new Evaluator(Context, [20, 3, 10]).Score(Cases, Recommendations);

        string[] expected = [.. new[] { 3, 10, 20 }.SelectMany(k => MetricOrder.Select(m => $"{m}@{k}"))];
        Assert.Equal(expected, result.Metrics.Keys);
    }

    [Fact]
    public void DefaultCutoffsGiveTwelveMetrics()
    {
        var result = new Evaluator(Context).Score(Cases, Recommendations);

        Assert.Equal(
            ["NDCG@10", "HitRate@10", "MRR@10", "CatalogCoverage@10", "Serendipity@10", "Novelty@10",
             "NDCG@20", "HitRate@20", "MRR@20", "CatalogCoverage@20", "Serendipity@20", "Novelty@20"],
            result.Metrics.Keys);

        // With k beyond every list the slates are the whole de-duplicated lists, as at k = 3.
        AssertMetric(1.0, result, "HitRate@10");
        AssertMetric(((8.0 / 3) + 3.5 + 0.5) / 3, result, "Novelty@20");

        // Serendipity@10: all six counted items are "expected" at k = 10, so nothing is unexpected.
        AssertMetric(0.0, result, "Serendipity@10");
    }

    [Fact]
    public void IndexerReadsTheMetricsDictionary()
    {
        var result = new Evaluator(Context, [2]).Score(Cases, Recommendations);

        Assert.Equal(result.Metrics["MRR@2"], result["MRR@2"]);
        Assert.Throws<KeyNotFoundException>(() => result["MRR@10"]);
    }

    [Fact]
    public void PerSampleMetricsAreAveragedOverTheCases()
    {
        // One hit at rank 1 and one miss: NDCG = MRR = HitRate = 1/2.
        EvaluationCase[] cases = [new(0, [], [1]), new(1, [], [2])];

        var result = new Evaluator(Context, [5]).Score(cases, [[1, 0], [0, 3]]);

        Assert.Equal(2, result.Sessions);
        AssertMetric(0.5, result, "NDCG@5");
        AssertMetric(0.5, result, "HitRate@5");
        AssertMetric(0.5, result, "MRR@5");
    }

    [Fact]
    public void MismatchedCountsThrow()
    {
        var evaluator = new Evaluator(Context);

        Assert.Throws<ArgumentException>(() => evaluator.Score(Cases, Recommendations[..2]));
        Assert.Throws<ArgumentException>(() => evaluator.Score(Cases[..1], Recommendations));
    }

    [Fact]
    public void NoCasesGiveZeros()
    {
        var result = new Evaluator(Context, [5]).Score([], []);

        Assert.Equal(0, result.Sessions);
        Assert.All(result.Metrics.Values, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void RunAsksTheModelForTheMaxCutoffInBatchesAndScoresLikeScore()
    {
        EvaluationCase[] cases =
        [
            new(0, [0, 1], [2]),
            new(1, [3], [4]),
            new(2, [5, 0], [1]),
            new(3, [1], [0]),
            new(4, [2, 2], [3]),
        ];
        static int[] Recommend(int[] prompt) => [.. Enumerable.Range(0, 7).Select(i => (i + prompt.Sum()) % 7)];
        var model = new RecordingRecommender(Recommend);
        var progress = new RecordingProgress<double>();
        var evaluator = new Evaluator(Context, [2, 4]);

        var run = evaluator.Run(model, cases, batchSize: 2, progress);

        Assert.Equal([2, 2, 1], model.BatchSizes);
        Assert.All(model.TopKs, k => Assert.Equal(4, k));
        Assert.Equal(cases.Select(c => c.Prompt), model.Prompts);
        Assert.Equal([0.4, 0.8, 1.0], progress.Values);

        var scored = evaluator.Score(cases, cases.Select(c => Recommend(c.Prompt)).ToArray());
        Assert.Equal(scored.Sessions, run.Sessions);
        Assert.Equal(scored.Metrics, run.Metrics);
    }

    [Fact]
    public void RunWithDefaultBatchSizeMakesOneBatchForFewCases()
    {
        var model = new RecordingRecommender(_ => [0, 1, 2]);

        var result = new Evaluator(Context).Run(model, Cases);

        Assert.Equal([3], model.BatchSizes);
        Assert.Equal([20], model.TopKs);
        Assert.Equal(3, result.Sessions);
    }

    [Fact]
    public void RunHonoursCancellation()
    {
        var model = new RecordingRecommender(_ => [0]);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new Evaluator(Context).Run(model, Cases, cancellationToken: cancellation.Token));
        Assert.Empty(model.BatchSizes);
    }

    [Fact]
    public void RunRejectsANonPositiveBatchSize()
    {
        var model = new RecordingRecommender(_ => [0]);

        // The timeout only stops the endless loop of the bug: it turns a hang into a failure.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Evaluator(Context).Run(model, Cases, batchSize: 0, cancellationToken: timeout.Token));
    }
}
