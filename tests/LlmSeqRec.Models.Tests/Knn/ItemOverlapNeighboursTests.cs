using LlmSeqRec.Models.Knn;

namespace LlmSeqRec.Models.Tests.Knn;

public class ItemOverlapNeighboursTests
{
    private static readonly SessionIndex Index = SessionIndex.Build(ToySessions.Letters);

    private static Dictionary<int, double> Similarities(int[] prompt, SimilarityMeasure similarity, PositionDecay decay)
    {
        var knn = KnnPrompt.From(prompt, Index, decay);
        var workspace = new KnnWorkspace(Index);
        workspace.Begin(knn);
        var candidates = new List<Neighbour>();
        new ItemOverlapNeighbours(Index, new CandidateSampler(Index, NeighbourSampling.Recent, 100, 42), similarity)
            .FindCandidates(knn, workspace, candidates);
        return candidates.ToDictionary(n => n.Session, n => n.Similarity);
    }

    [Fact]
    public void Cosine_without_decay()
    {
        // Prompt {1, 2}, |prompt| = 2. A = {0,1,2}: 2 / (√2·√3) = 0.816497; B = {1,3}: 1 / (√2·√2) = 0.5;
        // C = {2,3,4}: 1 / (√2·√3) = 0.408248; D = {2,5}: 0.5. E shares nothing and is no candidate.
        var sims = Similarities([1, 2], SimilarityMeasure.Cosine, PositionDecay.None);

        Assert.Equal([0, 1, 2, 3], sims.Keys.Order());
        Assert.Equal(0.816497, sims[0], 6);
        Assert.Equal(0.5, sims[1], 12);
        Assert.Equal(0.408248, sims[2], 6);
        Assert.Equal(0.5, sims[3], 12);
    }

    [Fact]
    public void Jaccard()
    {
        // |shared| / |union|: A 2/3, B 1/3, C 1/4, D 1/3.
        var sims = Similarities([1, 2], SimilarityMeasure.Jaccard, PositionDecay.None);

        Assert.Equal([2.0 / 3, 1.0 / 3, 0.25, 1.0 / 3], sims.OrderBy(p => p.Key).Select(p => p.Value));
    }

    [Fact]
    public void Dot_with_harmonic_decay()
    {
        // Prompt [0, 3, 2]: weights 1/3, 1/2, 1. A {0,2}: 1/3 + 1 = 4/3; B {3}: 1/2; C {2,3}: 3/2; D {2}: 1.
        var sims = Similarities([0, 3, 2], SimilarityMeasure.Dot, PositionDecay.Harmonic);

        Assert.Equal([4.0 / 3, 0.5, 1.5, 1.0], sims.OrderBy(p => p.Key).Select(p => p.Value));
    }

    [Fact]
    public void Cosine_with_harmonic_decay()
    {
        // ‖w‖ = 7/6. A: (4/3) / (7/6·√3) = 0.659829; B: (1/2) / (7/6·√2) = 0.303046;
        // C: (3/2) / (7/6·√3) = 0.742307; D: 1 / (7/6·√2) = 0.606092.
        var sims = Similarities([0, 3, 2], SimilarityMeasure.Cosine, PositionDecay.Harmonic);

        Assert.Equal(0.659829, sims[0], 6);
        Assert.Equal(0.303046, sims[1], 6);
        Assert.Equal(0.742307, sims[2], 6);
        Assert.Equal(0.606092, sims[3], 6);
    }
}
