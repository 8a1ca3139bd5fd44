using System.Text.Json;
using LlmSeqRec.Data;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Embeddings.Reduction;
using LlmSeqRec.Models.Similarity;

namespace LlmSeqRec.Models.Tests.Similarity;

public sealed class LlmSeqSimRecommenderTests
{
    // Four 2-d items: e0 = (1, 0), e1 = (0.8, 0.6), e2 = (0, 1), e3 = (−1, 0).
    private static readonly FixedEmbeddings Source = new([1, 0, 0.8f, 0.6f, 0, 1, -1, 0]);

    private static TrainingSet Training()
    {
        var catalog = new Catalog(["a", "b", "c", "d"], ["A", "B", "C", "D"]);
        var sessions = new SessionTable(["s0"], [0, 2], [0, 1], [1, 2]);
        return new TrainingSet(catalog, sessions, 1);
    }

    private static async Task<IReadOnlyList<int[]>> Recommend(LlmSeqSimConfig config, int[] prompt, int k = 4)
    {
        using var model = new LlmSeqSimRecommender(config, Source);
        await model.FitAsync(Training());
        return model.Recommend([prompt], k);
    }

    [Fact]
    public async Task Last_item_with_dot_recommends_its_nearest_neighbours_and_filters_the_prompt()
    {
        // Prompt [2, 0]: session = e0; dot with e1 = 0.8, e3 = −1 (e0 and e2 are in the prompt).
        var recs = await Recommend(new LlmSeqSimConfig(SessionCombination.Last, SessionDecay.None, SimilarityMeasure.Dot), [2, 0]);
        Assert.Equal([1, 3], recs[0]);
    }

    [Fact]
    public async Task Without_the_filter_the_prompt_items_compete()
    {
        var recs = await Recommend(new LlmSeqSimConfig(SessionCombination.Last, SessionDecay.None, SimilarityMeasure.Dot, FilterPromptItems: false), [2, 0]);
        Assert.Equal([0, 1, 2, 3], recs[0]);
    }

    [Fact]
    public async Task Decay_changes_the_ranking()
    {
        // Prompt [2, 3]: plain mean (−0.5, 0.5) prefers e2 over e1; a steep decay makes the session ≈ e3.
        var plain = await Recommend(new LlmSeqSimConfig(SessionCombination.Mean, SessionDecay.None, SimilarityMeasure.Cosine, FilterPromptItems: false), [2, 3], 2);
        var steep = await Recommend(new LlmSeqSimConfig(SessionCombination.Mean, SessionDecay.HarmonicSquared, SimilarityMeasure.Cosine, FilterPromptItems: false), [2, 3], 1);
        Assert.Equal([2, 3], plain[0].Order());
        Assert.Equal([3], steep[0]);
    }

    [Fact]
    public async Task Reduction_is_fitted_on_the_catalog_and_rows_are_normalised()
    {
        using var model = new LlmSeqSimRecommender(new LlmSeqSimConfig(Reduction: new ReductionConfig(ReductionMethod.Pca, 1)), Source);
        await model.FitAsync(Training());

        Assert.Equal(1, model.ItemEmbeddings!.Dimensions);
        Assert.All(Enumerable.Range(0, 4), r => Assert.Equal(1f, Math.Abs(model.ItemEmbeddings.Row(r)[0]), 5));
    }

    [Fact]
    public void Registry_builds_it_from_a_preset_and_json_overrides()
    {
        var settings = new ModelSettings(Preset: "p1", Config: JsonDocument.Parse("""{"similarity": "euclidean"}""").RootElement);

        var model = (LlmSeqSimRecommender)ModelRegistry.Create("llmseqsim", settings, new ModelServices(Source));

        Assert.Equal(new LlmSeqSimConfig(SessionCombination.Last, SessionDecay.None, SimilarityMeasure.Euclidean), model.Config);
    }

    [Fact]
    public void Registry_refuses_it_without_embeddings()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelRegistry.Create("llmseqsim"));
        Assert.Contains("embeddings", e.Message);
    }

    [Fact]
    public void Recommend_before_fit_is_an_error()
    {
        using var model = new LlmSeqSimRecommender(new LlmSeqSimConfig(), Source);
        Assert.Throws<InvalidOperationException>(() => model.Recommend([[0]], 1));
    }

    /// <summary>A catalog embedding matrix given directly, as an embeddings artifact would give it.</summary>
    private sealed class FixedEmbeddings(float[] values) : IItemEmbeddingSource
    {
        public Task<EmbeddingMatrix> GetAsync(Catalog catalog, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new EmbeddingMatrix(new EmbeddingModelId("fixed", "test", 2), catalog.Ids, values, 0));
    }
}
