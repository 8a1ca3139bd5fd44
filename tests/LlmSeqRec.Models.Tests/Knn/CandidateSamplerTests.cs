using LlmSeqRec.Models.Knn;

namespace LlmSeqRec.Models.Tests.Knn;

public class CandidateSamplerTests
{
    private static readonly SessionIndex Index = SessionIndex.Build(ToySessions.Letters);

    // Prompt [1, 2] shares items with A, B, C, D (sessions 0-3), not with E.
    private static List<int> Sample(NeighbourSampling sampling, int sampleSize, int seed = 42, int[]? prompt = null)
    {
        var knn = KnnPrompt.From(prompt ?? [1, 2], Index, PositionDecay.None);
        var workspace = new KnnWorkspace(Index);
        workspace.Begin(knn);
        var sessions = new List<int>();
        new CandidateSampler(Index, sampling, sampleSize, seed).Sample(knn, workspace, sessions);
        return sessions;
    }

    [Fact]
    public void Recent_keeps_the_latest_sessions_most_recent_first()
    {
        Assert.Equal([3, 2], Sample(NeighbourSampling.Recent, 2));        // D (t 400), C (t 300)
        Assert.Equal([3, 2, 1, 0], Sample(NeighbourSampling.Recent, 10)); // all four, most recent first
    }

    [Fact]
    public void Recent_follows_end_time_not_training_order()
    {
        // s0 ends last although it comes first in the train set.
        var index = SessionIndex.Build(ToySessions.Build(2, (900, [0]), (100, [0]), (500, [0, 1])));
        var knn = KnnPrompt.From([0], index, PositionDecay.None);
        var workspace = new KnnWorkspace(index);
        workspace.Begin(knn);
        var sessions = new List<int>();
        new CandidateSampler(index, NeighbourSampling.Recent, 1, 42).Sample(knn, workspace, sessions);

        Assert.Equal(0, index.TrainingSessionOf(Assert.Single(sessions)));
    }

    [Fact]
    public void Random_draws_distinct_candidates_only()
    {
        var sample = Sample(NeighbourSampling.Random, 3);

        Assert.Equal(3, sample.Distinct().Count());
        Assert.All(sample, s => Assert.InRange(s, 0, 3));
    }

    [Fact]
    public void Random_keeps_every_candidate_when_there_are_few()
    {
        Assert.Equal([0, 1, 2, 3], Sample(NeighbourSampling.Random, 4).Order());
        Assert.Equal([0, 1, 2, 3], Sample(NeighbourSampling.Random, 1000).Order());
    }

    [Fact]
    public void Random_is_a_function_of_seed_and_prompt()
    {
        Assert.Equal(Sample(NeighbourSampling.Random, 2, seed: 7), Sample(NeighbourSampling.Random, 2, seed: 7));
        // The prompt's item order does not change the candidate set, but it is part of the seed.
        Assert.Equal(4, Sample(NeighbourSampling.Random, 10, prompt: [2, 1]).Count);
    }

    [Fact]
    public void Random_covers_all_pairs_over_seeds_roughly_uniformly()
    {
        // 2 of 4 candidates: 6 possible pairs, each about 1/6 of 600 seeds.
        var counts = Enumerable.Range(0, 600)
            .Select(seed => string.Join(",", Sample(NeighbourSampling.Random, 2, seed).Order()))
            .GroupBy(pair => pair)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(6, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 60, 140));
    }

    [Fact]
    public void Random_order_of_the_kept_candidates_varies_with_the_seed() =>
        // Ties among equally similar neighbours are broken by this order, so it must not always be ascending.
        Assert.Contains(Enumerable.Range(0, 50), seed => !Sample(NeighbourSampling.Random, 10, seed).SequenceEqual([0, 1, 2, 3]));
}
