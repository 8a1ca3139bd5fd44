using LlmSeqRec.Data;
using LlmSeqRec.Models;
using LlmSeqRec.Models.Baselines;

namespace LlmSeqRec.Evaluation.Tests;

public class PopularityRecommenderTests
{
    // Train sessions (the first 3): counts 4:3, 3:2, 0:1, 1:1, 2:1, 5:0 -> ranking 4, 3, 0, 1, 2 (ties by lower
    // index, although 1 and 2 appear before 0). The test sessions make 0 and 5 the most frequent overall.
    private static readonly PreparedDataset Dataset = TinyDataset.Build(
        ["a", "b", "c", "d", "e", "f"],
        [[4, 3, 1], [3, 4, 2], [0, 4], [0, 5, 5, 0, 5], [5, 0, 5, 0, 0]],
        trainSessionCount: 3);

    private static async Task<PopularityRecommender> Fitted(bool filterPromptItems = false, TrainingSet? training = null)
    {
        var model = new PopularityRecommender(filterPromptItems);
        await model.FitAsync(training ?? Dataset.TrainingSet);
        return model;
    }

    [Fact]
    public async Task RanksByTrainCountsWithTiesByLowerItemIndex()
    {
        var model = await Fitted();

        var result = model.Recommend([[1]], 10);

        Assert.Equal([4, 3, 0, 1, 2], Assert.Single(result));
    }

    [Fact]
    public async Task ReturnsTheTopKForEveryPrompt()
    {
        var model = await Fitted();

        var result = model.Recommend([[0], [2, 3], []], 2);

        Assert.Equal(3, result.Count);
        Assert.All(result, r => Assert.Equal([4, 3], r));
    }

    [Fact]
    public async Task OnlyTrainSessionsCount()
    {
        // Items 0 and 5 dominate the test sessions; 5 never occurs in train, so it is never recommended.
        var model = await Fitted();

        var result = model.Recommend([[]], 6);

        Assert.DoesNotContain(5, result[0]);
        Assert.Equal(4, result[0][0]);
    }

    [Fact]
    public async Task AShorterTrainingPrefixGivesItsOwnRanking()
    {
        // Only the first session [4, 3, 1]: all three tie at 1 -> 1, 3, 4.
        var model = await Fitted(training: new TrainingSet(Dataset.Catalog, Dataset.Sessions, 1));

        Assert.Equal([1, 3, 4], model.Recommend([[]], 5)[0]);
    }

    [Fact]
    public async Task DoesNotFilterPromptItemsByDefault()
    {
        var model = await Fitted();

        var result = model.Recommend([[4, 3]], 3);

        Assert.Equal([4, 3, 0], result[0]);
    }

    [Fact]
    public async Task FiltersPromptItemsWhenAskedAndStillReturnsKItems()
    {
        var model = await Fitted(filterPromptItems: true);

        var result = model.Recommend([[4, 3], [0], []], 3);

        Assert.Equal([0, 1, 2], result[0]);
        Assert.Equal([4, 3, 1], result[1]);
        Assert.Equal([4, 3, 0], result[2]);
    }

    [Fact]
    public async Task FilteredListIsShorterOnlyWhenTheRankingRunsOut()
    {
        var model = await Fitted(filterPromptItems: true);

        var result = model.Recommend([[4, 3, 2]], 5);

        Assert.Equal([0, 1], result[0]);
    }

    [Fact]
    public void RecommendBeforeFitThrows() =>
        Assert.Throws<InvalidOperationException>(() => new PopularityRecommender().Recommend([[1]], 5));

    [Fact]
    public async Task FitReportsProgress()
    {
        var model = new PopularityRecommender();
        var progress = new RecordingProgress<FitProgress>();

        await model.FitAsync(Dataset.TrainingSet, progress);

        Assert.NotEmpty(progress.Values);
        Assert.Equal(1.0, progress.Values[^1].Fraction);
    }

    [Fact]
    public void NameSaysWhetherPromptItemsAreFiltered()
    {
        Assert.Equal("Popularity", new PopularityRecommender().Name);
        Assert.NotEqual("Popularity", new PopularityRecommender(filterPromptItems: true).Name);
    }

    [Fact]
    public async Task EvaluatedThroughTheEvaluatorByHand()
    {
        // Test cases: prompt [0,5,5,0] truth 5; prompt [5,0,5,0] truth 0. Slate@2 = [4, 3] for both: all misses.
        // Whole-dataset counts: 0:6, 1:1, 2:1, 3:2, 4:3, 5:5 (total 18); coverage 2 of 6 items.
        var model = await Fitted();

        var result = new Evaluator(MetricContext.For(Dataset), [2]).Run(model, Dataset.Test);

        Assert.Equal(2, result.Sessions);
        Assert.Equal(0.0, result["HitRate@2"]);
        Assert.Equal(2.0 / 6, result["CatalogCoverage@2"], 1e-12);
        Assert.Equal((-Math.Log(3.0 / 18, 2) - Math.Log(2.0 / 18, 2)) / 2, result["Novelty@2"], 1e-12);
    }
}
