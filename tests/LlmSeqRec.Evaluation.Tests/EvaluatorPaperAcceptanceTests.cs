using System.Globalization;
using LlmSeqRec.Models.Baselines;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Evaluation.Tests;

/// <summary>
/// Acceptance: the evaluator reproduces the P1 paper's Beauty table (shared/paper/recs/README.md and
/// shared/paper/README.md section 3.1) from the paper's own recommendation lists.
/// </summary>
public class EvaluatorPaperAcceptanceTests(BeautyFixture beauty) : IClassFixture<BeautyFixture>
{
    private const int PaperSessions = 4469;

    // The published values are rounded to 6 decimals.
    private const double PaperTolerance = 1e-6 + 1e-12;

    private static readonly string[] TableOrder =
    [
        "NDCG@10", "HitRate@10", "MRR@10", "CatalogCoverage@10", "Serendipity@10", "Novelty@10",
        "NDCG@20", "HitRate@20", "MRR@20", "CatalogCoverage@20", "Serendipity@20", "Novelty@20",
    ];

    private static void AssertMatchesPaper(string model, double[] expected, EvaluationResult result)
    {
        var failures = TableOrder
            .Select((metric, i) => (metric, expected: expected[i], actual: result[metric]))
            .Where(x => !(Math.Abs(x.expected - x.actual) <= PaperTolerance))
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.metric}: paper {x.expected:F6}, got {x.actual:F9}"))
            .ToArray();
        Assert.True(failures.Length == 0, $"{model} differs from the paper:\n" + string.Join("\n", failures));
    }

    private EvaluationResult EvaluatePaperFile(string fileName, out RecommendationFile file)
    {
        file = RecommendationFile.Read(TestPaths.Shared("paper", "recs", fileName), beauty.Dataset, beauty.Dataset.Test);
        return new Evaluator(beauty.Context).Score(file.Cases, file.Recommendations);
    }

    [SharedDataFact("data/amazon-beauty/interactions.csv")]
    public void BeautyHasThePapersCounts()
    {
        Assert.Equal(22363, beauty.Dataset.Sessions.Count);
        Assert.Equal(12101, beauty.Dataset.Catalog.Count);
        Assert.Equal(198502, beauty.Dataset.Sessions.InteractionCount);
        Assert.Equal(17890, beauty.Dataset.TrainSessionCount);
        Assert.Equal(PaperSessions, beauty.Dataset.Test.Count);
        Assert.Equal(12101, beauty.Context.CatalogSize);
    }

    [SharedDataFact("data/amazon-beauty/interactions.csv", "paper/recs/LLMSeqSim.csv")]
    public void LlmSeqSimListsReproduceThePaper()
    {
        var result = EvaluatePaperFile("LLMSeqSim.csv", out var file);

        Assert.Equal(PaperSessions, result.Sessions);
        Assert.Equal(PaperSessions, file.Cases.Count);
        Assert.Equal(0, file.CasesWithoutRecommendations);
        Assert.Equal(0, file.SessionsNotInCases);
        Assert.Equal(0, file.UnknownItems);
        Assert.All(file.Recommendations, r => Assert.Equal(20, r.Length));
        AssertMatchesPaper("LLMSeqSim", [
            0.043951, 0.063101, 0.038004, 0.762664, 0.062878, 13.819031,
            0.047974, 0.079212, 0.039081, 0.888770, 0.078989, 13.857696,
        ], result);
    }

    [SharedDataFact("data/amazon-beauty/interactions.csv", "paper/recs/BERT4Rec.csv")]
    public void Bert4RecListsReproduceThePaper()
    {
        var result = EvaluatePaperFile("BERT4Rec.csv", out var file);

        Assert.Equal(PaperSessions, result.Sessions);
        Assert.Equal(PaperSessions, file.Cases.Count);
        Assert.Equal(0, file.CasesWithoutRecommendations);
        Assert.Equal(0, file.SessionsNotInCases);
        Assert.Equal(0, file.UnknownItems);
        AssertMatchesPaper("BERT4Rec", [
            0.033911, 0.066682, 0.024114, 0.231138, 0.064444, 12.293144,
            0.043007, 0.102708, 0.026603, 0.311792, 0.097561, 12.422634,
        ], result);
    }

    // Only coverage and novelty are checked: they depend on the top-20 set alone. The paper's Popularity HR/NDCG/MRR
    // are not reproduced: with one fixed top-10 set (its novelty matches the paper's, and there is no count tie at
    // rank 10) HitRate@10 depends only on the ground truths, so the paper's Popularity run must have used other
    // ground truths than the split that reproduces LLMSeqSim and BERT4Rec exactly (43 vs 46 hits at @10).
    [SharedDataFact("data/amazon-beauty/interactions.csv")]
    public async Task PopularityBaselineHasThePapersCoverageAndNovelty()
    {
        var model = new PopularityRecommender();
        await model.FitAsync(beauty.Dataset.TrainingSet);

        var result = new Evaluator(beauty.Context).Run(model, beauty.Dataset.Test);

        Assert.Equal(PaperSessions, result.Sessions);
        Assert.Equal(10.0 / 12101, result["CatalogCoverage@10"], 1e-15);
        Assert.Equal(20.0 / 12101, result["CatalogCoverage@20"], 1e-15);
        Assert.True(Math.Abs(9.187262 - result["Novelty@10"]) <= PaperTolerance, $"Novelty@10: paper 9.187262, got {result["Novelty@10"]:F9}");
        Assert.True(Math.Abs(9.408061 - result["Novelty@20"]) <= PaperTolerance, $"Novelty@20: paper 9.408061, got {result["Novelty@20"]:F9}");
    }
}
