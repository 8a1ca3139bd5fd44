using LlmSeqRec.Models.Neural;
using LlmSeqRec.Tensors;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Tests.Neural;

[Collection(TorchRandomness.Name)]
public class Gru4RecTests
{
    private static readonly Gru4RecConfig Tiny = new(MaxLength: 6, EmbeddingDim: 12, HiddenDim: 20, Dropout: 0.2);

    [Fact]
    public void Shapes_of_hidden_states_scores_loss_and_the_embedding_table()
    {
        TorchRuntime.Seed(1);
        using var model = new Gru4RecModule(10, Tiny);
        model.eval();
        using var inputs = tensor(new long[] { 10, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0 }, [2, 6]);

        using var hidden = model.Hidden(inputs);
        using var scores = model.ScoreNext(inputs);
        using var loss = model.Loss(inputs, tensor(new long[] { 2, 3, 7 }), tensor(new long[] { 2, 3, 8 }));

        Assert.Equal([2L, 6, 20], hidden.shape);
        Assert.Equal([2L, 10], scores.shape);
        Assert.Empty(loss.shape);
        Assert.Equal([11L, 12], model.ItemEmbeddings.shape);
    }

    [Fact]
    public void Output_at_a_position_does_not_depend_on_later_items()
    {
        TorchRuntime.Seed(2);
        using var model = new Gru4RecModule(10, Tiny);
        model.eval();
        using var _ = no_grad();
        using var first = model.Hidden(tensor(new long[] { 10, 1, 2, 3, 4, 5 }, [1, 6]));
        using var second = model.Hidden(tensor(new long[] { 10, 1, 2, 9, 8, 7 }, [1, 6]));

        Assert.True(first.narrow(1, 0, 3).allclose(second.narrow(1, 0, 3), rtol: 0, atol: 1e-6));
        Assert.False(first.narrow(1, 3, 1).allclose(second.narrow(1, 3, 1), rtol: 0, atol: 1e-4));
    }

    [Fact]
    public void Recurrent_kernels_start_orthogonal_and_biases_zero()
    {
        TorchRuntime.Seed(3);
        using var model = new Gru4RecModule(10, Tiny);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var recurrent = parameters.Single(p => p.Key.EndsWith("weight_hh_l0", StringComparison.Ordinal)).Value;

        using var gram = recurrent.t().mm(recurrent);
        Assert.True(gram.allclose(eye(20), rtol: 0, atol: 1e-5), "columns of the recurrent kernel are orthonormal");
        Assert.All(parameters.Where(p => p.Key.Contains("bias_", StringComparison.Ordinal)), p => Assert.Equal(0f, p.Value.abs().max().item<float>()));
    }

    [Fact]
    public async Task Gru4rec_learns_that_each_item_is_followed_by_the_next()
    {
        var config = new Gru4RecConfig(MaxLength: 8, EmbeddingDim: 32, HiddenDim: 32, LearningRate: 1e-2, ClipNorm: 5, BatchSize: 64, MaxEpochs: 15, Patience: 3);
        var training = SyntheticSessions.Successors(items: 30, sessions: 600);
        using var model = new NeuralRecommender(
            new NeuralModelSpec("GRU4Rec", ModelConfiguration.Describe(config), config.MaxLength, config.Training(5)),
            items => new Gru4RecModule(items, config), null, null);
        await model.FitAsync(training);

        var prompts = Enumerable.Range(0, 30).Select(i => new[] { (i + 28) % 30, (i + 29) % 30, i }).ToArray();
        var recommendations = model.Recommend(prompts, 10);
        var hits = prompts.Select((p, i) => recommendations[i].Contains((p[^1] + 1) % 30)).Count(h => h);

        Assert.True(hits >= 29, $"HitRate@10 {hits}/30 after {model.Outcome!.History.Count} epochs");
    }

    [Fact]
    public void Registry_builds_both_and_llm2gru4rec_needs_embeddings()
    {
        using var gru = (NeuralRecommender)ModelRegistry.Create("gru4rec", new ModelSettings(Preset: "p2"));

        Assert.Equal("GRU4Rec", gru.Name);
        Assert.Contains("embeddings", Assert.Throws<ArgumentException>(() => ModelRegistry.Create("llm2gru4rec")).Message);
    }
}
