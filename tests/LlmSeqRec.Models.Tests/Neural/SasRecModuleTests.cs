using LlmSeqRec.Models.Neural;
using LlmSeqRec.Tensors;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Tests.Neural;

[Collection(TorchTestGroup.Name)]
public class SasRecModuleTests
{
    private static readonly SasRecConfig Tiny = new(MaxLength: 6, Layers: 2, Heads: 2, EmbeddingDim: 16, Dropout: 0.2);

    [Fact]
    public void Shapes_of_hidden_states_scores_and_loss()
    {
        TorchRuntime.Seed(1);
        using var model = new SasRecModule(10, Tiny);
        model.eval();
        using var inputs = tensor(new long[] { 10, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0 }, [2, 6]);

        using var hidden = model.Hidden(inputs);
        using var scores = model.ScoreNext(inputs);
        using var loss = model.Loss(inputs, tensor(new long[] { 2, 3, 7 }), tensor(new long[] { 2, 3, 8 }));

        Assert.Equal([2L, 6, 16], hidden.shape);
        Assert.Equal([2L, 10], scores.shape);
        Assert.Empty(loss.shape);
        Assert.Equal([11L, 16], model.ItemEmbeddings.shape);
    }

    [Fact]
    public void Output_at_a_position_does_not_depend_on_later_items()
    {
        TorchRuntime.Seed(2);
        using var model = new SasRecModule(10, Tiny);
        model.eval();
        using var _ = no_grad();
        using var first = model.Hidden(tensor(new long[] { 10, 1, 2, 3, 4, 5 }, [1, 6]));
        using var second = model.Hidden(tensor(new long[] { 10, 1, 2, 9, 8, 7 }, [1, 6]));

        Assert.True(first.narrow(1, 0, 3).allclose(second.narrow(1, 0, 3), rtol: 0, atol: 1e-6));
        Assert.False(first.narrow(1, 3, 1).allclose(second.narrow(1, 3, 1), rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Prompt_item_filter_removes_window_items_and_ignores_the_mask()
    {
        using var scores = zeros(2, 4);
        using var filtered = PromptItemFilter.Apply(scores, tensor(new long[] { 4, 1, 4, 3 }, [2, 2]));

        Assert.Equal([0f, float.NegativeInfinity, 0, 0, 0, 0, 0, float.NegativeInfinity], filtered.data<float>().ToArray());
    }
}
