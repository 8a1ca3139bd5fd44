using LlmSeqRec.Models;
using LlmSeqRec.Models.Baselines;

namespace LlmSeqRec.Evaluation.Tests;

public class ModelRegistryTests
{
    [Fact]
    public void CreatesThePopularityBaseline()
    {
        var model = ModelRegistry.Create("popularity");

        Assert.IsType<PopularityRecommender>(model);
        Assert.Equal("Popularity", model.Name);
    }

    [Fact]
    public void NamesAreCaseInsensitive() => Assert.IsType<PopularityRecommender>(ModelRegistry.Create("Popularity"));

    [Fact]
    public void SettingsArePassedToTheModel()
    {
        var model = ModelRegistry.Create("popularity", new ModelSettings(FilterPromptItems: true));

        Assert.Equal(new PopularityRecommender(filterPromptItems: true).Name, model.Name);
    }

    [Fact]
    public void NamesListThePopularityBaseline() => Assert.Contains("popularity", ModelRegistry.Names);

    [Fact]
    public void UnknownNameThrowsListingTheAvailableNames()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelRegistry.Create("gpt-7"));

        Assert.Equal("name", e.ParamName);
        Assert.Contains("gpt-7", e.Message, StringComparison.Ordinal);
        Assert.All(ModelRegistry.Names, n => Assert.Contains(n, e.Message, StringComparison.Ordinal));
    }
}
