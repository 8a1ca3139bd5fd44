using LlmSeqRec.Models.Neural;
using LlmSeqRec.Tensors;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Tests.Neural;

[Collection(TorchRandomness.Name)]
public class Bert4RecTests
{
    private static readonly Bert4RecConfig Tiny = new(MaxLength: 6, Layers: 2, Heads: 2, EmbeddingDim: 16, Dropout: 0.2, MaskProbability: 0.5);

    [Fact]
    public void Cloze_copies_mask_the_last_item_once_then_random_positions_never_padding()
    {
        // Sequence of 3 items in a window of 5: ids 7, 8, 9 after two pads (mask id 10).
        var examples = new ClozeExamples(MaskProbability: 0.5, RandomCopies: 10);
        var batch = examples.Create([[7, 8, 9]], Enumerable.Range(0, 11).ToArray(), 5, maskId: 10, new Random(1));

        Assert.Equal(11, batch.Size);
        Assert.Equal([10L, 10, 7, 8, 10], batch.Inputs[..5]);
        Assert.Equal(4L, batch.TargetPositions[0]);
        Assert.Equal(9L, batch.Targets[0]);
        Assert.All(batch.TargetPositions, p => Assert.True(p % 5 >= 2, $"position {p} is padding"));
        Assert.All(batch.TargetPositions.Zip(batch.Targets), pt => Assert.Equal(10L, batch.Inputs[pt.First]));
        Assert.All(batch.TargetPositions.Zip(batch.Targets), pt => Assert.Equal(7 + (pt.First % 5) - 2, pt.Second));
        // 10 random copies × 3 positions at p = 0.5: some but not all positions get masked.
        Assert.InRange(batch.Targets.Length - 1, 5, 25);
    }

    [Fact]
    public void Shapes_and_bidirectional_attention()
    {
        TorchRuntime.Seed(1);
        using var model = new Bert4RecModule(10, Tiny);
        model.eval();
        using var _ = no_grad();
        using var first = model.Hidden(tensor(new long[] { 10, 1, 2, 3, 4, 5 }, [1, 6]));
        using var second = model.Hidden(tensor(new long[] { 10, 1, 2, 9, 8, 7 }, [1, 6]));
        using var scores = model.ScoreNext(tensor(new long[] { 10, 1, 2, 3, 4, 5 }, [1, 6]));

        Assert.Equal([1L, 6, 16], first.shape);
        Assert.Equal([1L, 10], scores.shape);
        Assert.Equal([11L, 16], model.ItemEmbeddings.shape);
        // Unlike SASRec, an early position sees later items.
        Assert.False(first.narrow(1, 0, 3).allclose(second.narrow(1, 0, 3), rtol: 0, atol: 1e-4));
    }

    [Fact]
    public void Prediction_shifts_the_window_left_and_appends_the_mask()
    {
        TorchRuntime.Seed(2);
        using var model = new Bert4RecModule(10, Tiny);
        model.eval();
        using var _ = no_grad();
        using var scores = model.ScoreNext(tensor(new long[] { 10, 1, 2, 3, 4, 5 }, [1, 6]));
        using var hidden = model.Hidden(tensor(new long[] { 1, 2, 3, 4, 5, 10 }, [1, 6]));
        using var direct = model.ScoreNext(tensor(new long[] { 3, 1, 2, 3, 4, 5 }, [1, 6]));

        // The first window item drops out, so it cannot change the scores.
        Assert.True(scores.allclose(direct, rtol: 0, atol: 1e-5));
        Assert.Equal([1L, 6, 16], hidden.shape);
    }

    [Fact]
    public async Task Bert4rec_learns_that_each_item_is_followed_by_the_next()
    {
        var config = new Bert4RecConfig(MaxLength: 8, Layers: 1, Heads: 1, EmbeddingDim: 32, Dropout: 0.1, MaskProbability: 0.3, RandomMaskedCopies: 2,
            LearningRate: 1e-2, WeightDecay: 0, ClipNorm: 5, BatchSize: 128, MaxEpochs: 15, Patience: 3);
        var training = SyntheticSessions.Successors(items: 30, sessions: 600);
        using var model = new NeuralRecommender(
            new NeuralModelSpec("BERT4Rec", ModelConfiguration.Describe(config), config.MaxLength, config.Training(5)),
            items => new Bert4RecModule(items, config), null, null);
        await model.FitAsync(training);

        var prompts = Enumerable.Range(0, 30).Select(i => new[] { (i + 28) % 30, (i + 29) % 30, i }).ToArray();
        var recommendations = model.Recommend(prompts, 10);
        var hits = prompts.Select((p, i) => recommendations[i].Contains((p[^1] + 1) % 30)).Count(h => h);

        Assert.True(hits >= 27, $"HitRate@10 {hits}/30 after {model.Outcome!.History.Count} epochs");
    }

    [Fact]
    public void Registry_builds_both_presets_and_llm2bert4rec_needs_embeddings()
    {
        using var p1 = (NeuralRecommender)ModelRegistry.Create("bert4rec", new ModelSettings(Preset: "p1"));

        Assert.Equal("BERT4Rec", p1.Name);
        Assert.Contains("embeddings", Assert.Throws<ArgumentException>(() => ModelRegistry.Create("llm2bert4rec")).Message);
    }
}
