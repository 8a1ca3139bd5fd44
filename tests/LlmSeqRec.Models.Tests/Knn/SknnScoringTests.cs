using LlmSeqRec.Models.Knn;

namespace LlmSeqRec.Models.Tests.Knn;

/// <summary>Hand-checked scores of each variant on <see cref="ToySessions.Letters"/> (all 4 candidates, k ≥ 4 unless said).</summary>
public class SknnScoringTests
{
    private static readonly SknnConfig Base = new(K: 100, SampleSize: 100, Sampling: NeighbourSampling.Recent, Similarity: SimilarityMeasure.Dot);

    private static async Task<IReadOnlyList<ScoredItem>> ScoreAsync(SknnConfig config, int[] prompt, int topK = 20) =>
        (await ToySessions.FittedAsync(config)).Score(prompt, topK);

    private static void AssertSlate((int Item, double Score)[] expected, IReadOnlyList<ScoredItem> actual)
    {
        Assert.Equal(expected.Select(e => e.Item), actual.Select(a => a.Item));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Score, actual[i].Score, 6);
        }
    }

    [Fact]
    public async Task Sknn_cosine_sums_neighbour_similarities_per_item()
    {
        // Sims (see ItemOverlapNeighboursTests): A 0.816497, B 0.5, C 0.408248, D 0.5.
        // item 3 ∈ B, C: 0.5 + 0.408248 = 0.908248; item 0 ∈ A: 0.816497; item 5 ∈ D: 0.5; item 4 ∈ C: 0.408248.
        // Prompt items 1 and 2 are left out.
        var slate = await ScoreAsync(Base with { Similarity = SimilarityMeasure.Cosine }, [1, 2]);

        AssertSlate([(3, 0.908248), (0, 0.816497), (5, 0.5), (4, 0.408248)], slate);
    }

    [Fact]
    public async Task Prompt_items_are_kept_when_filtering_is_off()
    {
        // item 2 ∈ A, C, D: 0.816497 + 0.408248 + 0.5 = 1.724745; item 1 ∈ A, B: 1.316497.
        var slate = await ScoreAsync(Base with { Similarity = SimilarityMeasure.Cosine, FilterPromptItems = false }, [1, 2]);

        AssertSlate([(2, 1.724745), (1, 1.316497), (3, 0.908248), (0, 0.816497), (5, 0.5), (4, 0.408248)], slate);
    }

    [Fact]
    public async Task Sknn_jaccard()
    {
        // Sims A 2/3, B 1/3, C 1/4, D 1/3 → item 0: 0.666667; item 3: 1/3 + 1/4 = 0.583333; item 5: 1/3; item 4: 1/4.
        var slate = await ScoreAsync(Base with { Similarity = SimilarityMeasure.Jaccard }, [1, 2]);

        AssertSlate([(0, 2.0 / 3), (3, 7.0 / 12), (5, 1.0 / 3), (4, 0.25)], slate);
    }

    [Fact]
    public async Task Equal_scores_rank_by_catalog_index()
    {
        // Dot: A 2, B 1, C 1, D 1 → item 0: 2, item 3: 1 + 1 = 2, item 4: 1, item 5: 1.
        var slate = await ScoreAsync(Base, [1, 2]);

        AssertSlate([(0, 2), (3, 2), (4, 1), (5, 1)], slate);
    }

    [Fact]
    public async Task Idf_weighting_multiplies_each_item_score()
    {
        // Cosine scores times 1 + ln(5/df): item 0: 0.816497 · 2.609438 = 2.130597; item 3: 0.908248 · 1.916291 = 1.740468;
        // item 5: 0.5 · 2.609438 = 1.304719; item 4: 0.408248 · 2.609438 = 1.065299. Item 0 now beats item 3.
        var slate = await ScoreAsync(Base with { Similarity = SimilarityMeasure.Cosine, IdfWeighting = true }, [1, 2]);

        AssertSlate([(0, 2.130597), (3, 1.740468), (5, 1.304719), (4, 1.065299)], slate);
    }

    [Theory]
    // Prompt [0, 3, 2] at distances 3, 2, 1 from the end with weights (w3, w2, w1); dot sims:
    // A {0,2} = w3 + w1, B {3} = w2, C {2,3} = w1 + w2, D {2} = w1.
    // Scores: item 1 ∈ A, B = w3 + w1 + w2; item 4 ∈ C = w1 + w2; item 5 ∈ D = w1.
    [InlineData(PositionDecay.Harmonic, 1.833333, 1.5, 1.0)]        // 1/3, 1/2, 1
    [InlineData(PositionDecay.Linear, 2.7, 1.9, 1.0)]               // 0.8, 0.9, 1
    [InlineData(PositionDecay.Log, 2.067121, 1.590616, 1.0)]        // 0.476505, 0.590616, 1
    [InlineData(PositionDecay.Quadratic, 1.361111, 1.25, 1.0)]      // 1/9, 1/4, 1
    [InlineData(PositionDecay.None, 3.0, 2.0, 1.0)]                 // 1, 1, 1
    public async Task Vsknn_decays(PositionDecay decay, double item1, double item4, double item5)
    {
        var slate = await ScoreAsync(Base with { Decay = decay }, [0, 3, 2]);

        AssertSlate([(1, item1), (4, item4), (5, item5)], slate);
    }

    [Fact]
    public async Task Vsknn_harmonic_dot_with_idf_as_in_the_p1_preset()
    {
        // item 4: 1.5 · 2.609438 = 3.914157; item 1: 1.833333 · 1.916291 = 3.513200; item 5: 1 · 2.609438.
        var slate = await ScoreAsync(Base with { Decay = PositionDecay.Harmonic, IdfWeighting = true }, [0, 3, 2]);

        AssertSlate([(4, 3.914157), (1, 3.513200), (5, 2.609438)], slate);
    }

    [Fact]
    public async Task Ssknn_weighs_neighbours_by_their_latest_shared_prompt_position()
    {
        // Prompt [2, 3, 0] (positions 1, 2, 3); dot sims A 2, B 1, C 2, D 1.
        // Weights p/3: A {0,2} → 0 at 3 → 1; B {3} → 2/3; C {2,3} → 3 at 2 → 2/3; D {2} → 1/3.
        // item 1 ∈ A, B: 2·1 + 1·2/3 = 2.666667; item 4 ∈ C: 2·2/3 = 1.333333; item 5 ∈ D: 1·1/3.
        var slate = await ScoreAsync(Base with { SequentialWeighting = true }, [2, 3, 0]);

        AssertSlate([(1, 8.0 / 3), (4, 4.0 / 3), (5, 1.0 / 3)], slate);
    }

    [Fact]
    public async Task Sfsknn_keeps_only_successors_of_the_last_prompt_item()
    {
        // Prompt [0, 3, 2]; successors of 2 are {3, 5}; 3 is a prompt item, so only item 5 (∈ D, sim 1) is left.
        AssertSlate([(5, 1.0)], await ScoreAsync(Base with { SequentialFilter = true }, [0, 3, 2]));

        // Without prompt filtering item 3 (∈ B, C: 1 + 2 = 3) stays too.
        AssertSlate([(3, 3.0), (5, 1.0)], await ScoreAsync(Base with { SequentialFilter = true, FilterPromptItems = false }, [0, 3, 2]));
    }

    [Fact]
    public async Task Sfsknn_uses_the_last_distinct_item_and_gives_nothing_without_successors()
    {
        // [2, 4, 2] → [2, 4] (first occurrences): the last item is 4, which nothing follows → empty slate.
        Assert.Empty(await ScoreAsync(Base with { SequentialFilter = true }, [2, 4, 2]));
    }

    [Fact]
    public async Task K_nearest_ties_go_to_the_more_recent_session_with_recent_sampling()
    {
        // Cosine sims A 0.816, B 0.5, D 0.5, C 0.408; k = 2 keeps A and, of the tied B and D, the more recent D.
        var model = await ToySessions.FittedAsync(Base with { K = 2, Similarity = SimilarityMeasure.Cosine });

        Assert.Equal([0, 3], model.NearestNeighbours([1, 2]).Select(n => n.Session));
        AssertSlate([(0, 0.816497), (5, 0.5)], model.Score([1, 2], 20));
    }

    [Fact]
    public async Task Sample_size_limits_the_candidates()
    {
        // The 2 most recent candidates are D and C: items 5 (0.5), 3 and 4 (0.408248 each).
        var slate = await ScoreAsync(Base with { SampleSize = 2, K = 2, Similarity = SimilarityMeasure.Cosine }, [1, 2]);

        AssertSlate([(5, 0.5), (3, 0.408248), (4, 0.408248)], slate);
    }

    [Fact]
    public async Task Slates_are_cut_at_top_k_and_may_be_shorter()
    {
        var model = await ToySessions.FittedAsync(Base with { Similarity = SimilarityMeasure.Cosine });

        Assert.Equal([3, 0], model.Recommend([[1, 2]], 2)[0]);
        Assert.Equal(4, model.Recommend([[1, 2]], 20)[0].Length);
    }

    [Fact]
    public async Task Prompts_without_trained_items_get_an_empty_slate()
    {
        var model = await ToySessions.FittedAsync(Base);

        var slates = model.Recommend([[8], [], [1, 2]], 20);

        Assert.Empty(slates[0]);
        Assert.Empty(slates[1]);
        Assert.NotEmpty(slates[2]);
    }

    [Fact]
    public async Task Sessions_without_shared_items_are_never_neighbours()
    {
        // Prompt [6] only meets E = {6, 7}.
        var model = await ToySessions.FittedAsync(Base);

        Assert.Equal([4], model.NearestNeighbours([6]).Select(n => n.Session));
        Assert.Equal([7], model.Recommend([[6]], 20)[0]);
    }

    [Fact]
    public void Recommend_before_fit_fails() =>
        Assert.Throws<InvalidOperationException>(() => new SessionKnnRecommender(Base).Recommend([[1]], 20));
}
