using LlmSeqRec.Data;
using LlmSeqRec.Models.Knn;

namespace LlmSeqRec.Models.Tests.Knn;

/// <summary>Random sampling on a larger synthetic set: the same seed gives the same slates in any batch order.</summary>
public class SknnDeterminismTests
{
    private static readonly TrainingSet Training = ToySessions.Random(sessionCount: 3000, itemCount: 400);

    // Few candidates kept, so the sample really is random.
    private static readonly SknnConfig Config = new(K: 10, SampleSize: 30, Sampling: NeighbourSampling.Random,
        Similarity: SimilarityMeasure.Dot, Decay: PositionDecay.Harmonic, IdfWeighting: true);

    private static readonly int[][] Prompts = Enumerable.Range(0, 300)
        .Select(p => Enumerable.Range(0, 1 + (p % 5)).Select(j => ((p * 37) + (j * 11)) % 400).ToArray())
        .ToArray();

    [Fact]
    public async Task Same_seed_same_slates_across_instances_and_calls()
    {
        var first = await ToySessions.FittedAsync(Config, Training, seed: 5);
        var second = await ToySessions.FittedAsync(Config, Training, seed: 5);

        var a = first.Recommend(Prompts, 20);
        Assert.Equal(a, first.Recommend(Prompts, 20));
        Assert.Equal(a, second.Recommend(Prompts, 20));
    }

    [Fact]
    public async Task Slates_do_not_depend_on_batching_or_order()
    {
        var model = await ToySessions.FittedAsync(Config, Training, seed: 5);

        var all = model.Recommend(Prompts, 20);
        var reversed = model.Recommend(Prompts.Reverse().ToArray(), 20).Reverse().ToArray();
        var oneByOne = Prompts.Select(p => model.Recommend([p], 20)[0]).ToArray();

        Assert.Equal(all, reversed);
        Assert.Equal(all, oneByOne);
        Assert.Equal(all, Prompts.Select(p => model.Score(p, 20).Select(s => s.Item).ToArray()));
    }

    [Fact]
    public async Task Another_seed_gives_other_samples()
    {
        var a = (await ToySessions.FittedAsync(Config, Training, seed: 5)).Recommend(Prompts, 20);
        var b = (await ToySessions.FittedAsync(Config, Training, seed: 6)).Recommend(Prompts, 20);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Recent_sampling_ignores_the_seed()
    {
        var recent = Config with { Sampling = NeighbourSampling.Recent };

        Assert.Equal(
            (await ToySessions.FittedAsync(recent, Training, seed: 5)).Recommend(Prompts, 20),
            (await ToySessions.FittedAsync(recent, Training, seed: 6)).Recommend(Prompts, 20));
    }
}
