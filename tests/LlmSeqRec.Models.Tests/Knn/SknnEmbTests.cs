using System.Text.Json;
using LlmSeqRec.Data;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Models.Knn;
using LlmSeqRec.Models.Similarity;
using EmbeddingSimilarity = LlmSeqRec.Models.Similarity.SimilarityMeasure;

namespace LlmSeqRec.Models.Tests.Knn;

/// <summary>
/// SKNNEmb on <see cref="ToySessions.Letters"/> with 3-d item embeddings: items 0, 1 = (1, 0, 0); 2, 3 = (0, 1, 0);
/// 4, 5 = (0, 0, 1); 6, 7 = (1, 1, 0)/√2; 8 = 0. Mean session embeddings without decay:
/// A {0,1,2} = (2/3, 1/3, 0); B {1,3} = (1/2, 1/2, 0); C {2,3,4} = (0, 2/3, 1/3); D {2,5} = (0, 1/2, 1/2).
/// </summary>
public sealed class SknnEmbTests
{
    private static readonly float S = MathF.Sqrt(0.5f);
    private static readonly float[] Vectors = [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, S, S, 0, S, S, 0, 0, 0, 0];
    private static readonly FixedEmbeddings Source = new(Vectors);

    private static Dictionary<int, double> Similarities(EmbeddingSimilarity similarity)
    {
        var index = SessionIndex.Build(ToySessions.Letters);
        var prompt = KnnPrompt.From([1, 2], index, PositionDecay.None);
        var workspace = new KnnWorkspace(index);
        workspace.Begin(prompt);
        var mean = new SessionEmbedder(Vectors, 3, SessionCombination.Mean);
        var candidates = new List<Neighbour>();
        new SessionEmbeddingNeighbours(index, new CandidateSampler(index, NeighbourSampling.Recent, 100, 42), mean, mean, similarity)
            .FindCandidates(prompt, workspace, candidates);
        workspace.End();
        return candidates.ToDictionary(n => n.Session, n => n.Similarity);
    }

    [Fact]
    public void Dot_compares_the_prompt_and_session_embeddings_of_sampled_candidates()
    {
        // Prompt [1, 2] → (1/2, 1/2, 0). Dot: A 1/2, B 1/2, C 1/3, D 1/4; E shares no item, so it is no candidate.
        var sims = Similarities(EmbeddingSimilarity.Dot);

        Assert.Equal([0, 1, 2, 3], sims.Keys.Order());
        Assert.Equal([0.5, 0.5, 1.0 / 3, 0.25], sims.OrderBy(p => p.Key).Select(p => p.Value), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Cosine_divides_by_both_norms()
    {
        // ‖prompt‖ = √(1/2); ‖A‖ = √5/3: A = (1/2)/(√(1/2)·√5/3) = 0.948683; B = 1; C = 0.632456; D = 0.5.
        var sims = Similarities(EmbeddingSimilarity.Cosine);

        Assert.Equal([0.948683, 1, 0.632456, 0.5], sims.OrderBy(p => p.Key).Select(p => p.Value), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Theory]
    [InlineData(1, new[] { 3 })] // only B {1, 3}: item 1 is in the prompt.
    [InlineData(2, new[] { 3, 0 })] // B (1.0) and A (0.948683): item 3 scores 1.0, item 0 scores 0.948683.
    public async Task Items_of_the_nearest_sessions_are_scored_by_their_similarity(int k, int[] expected)
    {
        var model = new SknnEmbRecommender(
            new SknnEmbConfig(K: k, SampleSize: 100, PromptDecay: SessionDecay.None, TrainDecay: SessionDecay.None, Similarity: EmbeddingSimilarity.Cosine),
            Source);
        await model.FitAsync(ToySessions.Letters);

        Assert.Equal(expected, model.Recommend([[1, 2]], 5)[0]);
        Assert.Equal("SKNNEmb", model.Name);
    }

    [Fact]
    public void Registry_builds_it_from_the_preset_with_overrides_and_needs_embeddings()
    {
        var settings = new ModelSettings(Preset: "p2", Config: JsonDocument.Parse("""{"k": 5, "trainCombination": "last"}""").RootElement);

        var model = (SknnEmbRecommender)ModelRegistry.Create("sknnemb", settings, new ModelServices(Source));

        Assert.Equal(new SknnEmbConfig(K: 5, TrainCombination: SessionCombination.Last), model.Config);
        Assert.Contains("embeddings", Assert.Throws<ArgumentException>(() => ModelRegistry.Create("sknnemb")).Message);
    }

    private sealed class FixedEmbeddings(float[] values) : IItemEmbeddingSource
    {
        public Task<EmbeddingMatrix> GetAsync(Catalog catalog, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new EmbeddingMatrix(new EmbeddingModelId("fixed", "test", 3), catalog.Ids, values, 1));
    }
}
