using System.Text.Json;
using LlmSeqRec.Models.Knn;

namespace LlmSeqRec.Models.Tests.Knn;

public class SknnConfigurationTests
{
    private static SessionKnnRecommender Create(string model, string? preset = null, string? json = null, int? seed = null, bool? filter = null) =>
        Assert.IsType<SessionKnnRecommender>(ModelRegistry.Create(model, new ModelSettings(
            filter, preset, json is null ? null : JsonDocument.Parse(json).RootElement, seed)));

    [Theory]
    [InlineData("sknn", "SKNN")]
    [InlineData("vsknn", "V-SKNN")]
    [InlineData("ssknn", "S-SKNN")]
    [InlineData("sfsknn", "SF-SKNN")]
    [InlineData("VSKNN", "V-SKNN")]
    public void Registry_names(string model, string displayName)
    {
        Assert.Contains(model, ModelRegistry.Names, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(displayName, Create(model).Name);
    }

    [Fact]
    public void Defaults_follow_session_rec()
    {
        Assert.Equal(new SknnConfig(100, 500, NeighbourSampling.Recent, SimilarityMeasure.Jaccard), Create("sknn").Config);
        Assert.Equal(new SknnConfig(100, 1000, NeighbourSampling.Recent, SimilarityMeasure.Cosine, PositionDecay.Harmonic), Create("vsknn").Config);
        Assert.True(Create("ssknn").Config.SequentialWeighting);
        Assert.True(Create("sfsknn").Config.SequentialFilter);
        Assert.Equal(SessionKnnRecommender.DefaultSeed, Create("sknn").Seed);
    }

    [Fact]
    public void P1_preset_is_the_papers_beauty_configuration()
    {
        var model = Create("vsknn", "p1");

        Assert.Equal(new SknnConfig(K: 70, SampleSize: 1090, Sampling: NeighbourSampling.Random, Similarity: SimilarityMeasure.Dot,
            Decay: PositionDecay.Harmonic, IdfWeighting: true, FilterPromptItems: true), model.Config);
        Assert.Equal(
            """{"k":70,"sampleSize":1090,"sampling":"random","similarity":"dot","decay":"harmonic","idfWeighting":true,"sequentialWeighting":false,"sequentialFilter":false,"filterPromptItems":true,"lastNItems":null}""",
            ModelConfiguration.Describe(model.Config));
    }

    [Fact]
    public void P2_preset()
    {
        var config = Create("vsknn", "P2").Config;

        Assert.Equal((320, 1530, NeighbourSampling.Random, false, PositionDecay.Harmonic),
            (config.K, config.SampleSize, config.Sampling, config.IdfWeighting, config.Decay));
    }

    [Fact]
    public void Json_overrides_the_preset_and_seed_and_filter_come_from_the_settings()
    {
        var model = Create("vsknn", "p1", """{"k": 5, "decay": "log", "sampling": "recent"}""", seed: 9, filter: false);

        Assert.Equal(Create("vsknn", "p1").Config with { K = 5, Decay = PositionDecay.Log, Sampling = NeighbourSampling.Recent, FilterPromptItems = false },
            model.Config);
        Assert.Equal(9, model.Seed);
    }

    [Theory]
    [InlineData("""{"k": 2000}""", "k must be between 1 and sampleSize")]
    [InlineData("""{"sampleSize": 0}""", "sampleSize")]
    [InlineData("""{"similarity": "jaccard"}""", "needs similarity dot or cosine")]
    [InlineData("""{"decay": "cubic"}""", "decay")]
    [InlineData("""{"lastNItems": 0}""", "lastNItems")]
    [InlineData("""{"neighbours": 3}""", "'neighbours'")]
    [InlineData("""{"variantName": "SKNN"}""", "'variantName'")]
    public void Bad_configurations_name_the_field(string json, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Create("vsknn", "p1", json));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains("vsknn", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_without_presets_refuse_one()
    {
        var e = Assert.Throws<ArgumentException>(() => Create("sknn", "p1"));

        Assert.Contains("no presets", e.Message, StringComparison.Ordinal);
    }
}
