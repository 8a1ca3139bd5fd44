namespace LlmSeqRec.Reporting.Tests;

/// <summary>Run reports with known numbers: completed, failed and unavailable models, a training curve, length buckets.</summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 14, 3, 7, TimeSpan.Zero);

    public static Dictionary<string, double> Metrics(double ndcg10, double hit10, double ndcg20, double hit20, double novelty = 12.5) => new()
    {
        ["NDCG@10"] = ndcg10, ["HitRate@10"] = hit10, ["MRR@10"] = ndcg10 * 0.8, ["CatalogCoverage@10"] = 0.6,
        ["Serendipity@10"] = hit10 * 0.9, ["Novelty@10"] = novelty,
        ["NDCG@20"] = ndcg20, ["HitRate@20"] = hit20, ["MRR@20"] = ndcg20 * 0.8, ["CatalogCoverage@20"] = 0.8,
        ["Serendipity@20"] = hit20 * 0.9, ["Novelty@20"] = novelty + 0.25,
    };

    public static IReadOnlyList<LengthBucket> Buckets(double scale) =>
    [
        new("1", 1, 1, 900, 0.05 * scale),
        new("2", 2, 2, 700, 0.07 * scale),
        new("3-4", 3, 4, 1000, 0.09 * scale),
        new("5-9", 5, 9, 1200, 0.10 * scale),
        new("10+", 10, null, 669, 0.12 * scale),
    ];

    public static IReadOnlyList<EpochPoint> Curve(int epochs) =>
        [.. Enumerable.Range(1, epochs).Select(e => new EpochPoint(e, 9.0 / e + 3, 0.02 + (0.015 * (1 - Math.Exp(-e / 3.0))), 40 + e))];

    /// <summary>A Beauty run: V-SKNN (best NDCG@20 0.048312), LLMSeqSim, popularity, SASRec with 8 epochs, a failed BERT4Rec, an unavailable LLM2BERT4Rec.</summary>
    public static RunReport Beauty(string datasetName = "amazon-beauty") => new(
        "run-20261125-1403",
        datasetName,
        "sha256:3f5a9c0d1e2b4a6f8e7d9c1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f",
        CreatedAt,
        "bdfa1e8",
        [10, 20],
        [
            ModelReport.Completed("vsknn:p1", Metrics(0.041234, 0.070111, 0.048312, 0.095555), 12.5, 3.25, Buckets(1.0)),
            ModelReport.Completed("llmseqsim", Metrics(0.043001, 0.062222, 0.046789, 0.078888, novelty: 13.8), 0.5, 8.75, Buckets(0.9)),
            ModelReport.Completed("popularity", Metrics(0.004444, 0.010101, 0.006363, 0.017777, novelty: 9.2), 0.01, 0.4, Buckets(0.2)),
            ModelReport.Completed("sasrec", Metrics(0.027777, 0.052222, 0.033333, 0.081111), 420, 6, Buckets(0.7), Curve(8)),
            ModelReport.Failed("bert4rec", "worker timed out after 3 attempts"),
            ModelReport.NotAvailable("llm2bert4rec", "no GPU worker in this deployment"),
        ],
        new PromotionDecision(true, "NDCG@20", "vsknn:p1", 0.048312, 0.0465, 0.001, "beats the champion by more than the margin"),
        [new ArtifactLink("dataset", "datasets/3f5a9c0d/"), new ArtifactLink("vsknn:p1 recommendations", "runs/run-20261125-1403/vsknn-p1/recs.csv")],
        [new StageTiming("ingest", 35.2), new StageTiming("embed", 120.75), new StageTiming("models", 470.5), new StageTiming("report", 1.25)]);
}
