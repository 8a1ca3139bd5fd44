using LlmSeqRec.Models.Neural;
using LlmSeqRec.Tensors;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Tests.Neural;

/// <summary>The hand-written loss gradient of the training step against autograd's, for every model.</summary>
[Collection(TorchRandomness.Name)]
public class TiedSoftmaxCrossEntropyTests
{
    // A small batch, read only by the tests: 3 windows of 6 (10 is the mask id) and 7 target positions.
    private static readonly Tensor SmallInputs = tensor(new long[] { 10, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 10, 3, 3, 5, 7, 1 }, [3, 6]);
    private static readonly Tensor SmallPositions = tensor(new long[] { 2, 3, 4, 7, 11, 14, 16 });
    private static readonly Tensor SmallTargets = tensor(new long[] { 2, 3, 4, 8, 1, 5, 7 });

    public static TheoryData<string, long> Models => new()
    {
        { "sasrec", TiedSoftmaxCrossEntropy.DefaultChunkBytes },
        { "gru4rec", TiedSoftmaxCrossEntropy.DefaultChunkBytes },
        { "bert4rec", TiedSoftmaxCrossEntropy.DefaultChunkBytes },
        { "sasrec", 3 * 10 * sizeof(float) },   // chunks of 3 rows: 3 chunks for the 7 targets
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void LossBackward_gives_the_loss_and_gradients_of_autograd(string name, long chunkBytes)
    {
        var (inputs, positions, targets) = (SmallInputs, SmallPositions, SmallTargets);

        var (expectedLoss, expected) = Run(name, model =>
        {
            using var loss = model.Loss(inputs, positions, targets);
            loss.backward();
            return loss.item<float>();
        });
        var (actualLoss, actual) = Run(name, model => model.LossBackward(inputs, positions, targets, chunkBytes));

        Assert.Equal(expectedLoss, actualLoss, 5);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (parameter, gradient) in expected)
        {
            var difference = gradient.Zip(actual[parameter], (e, a) => Math.Abs(e - a)).Max();
            var scale = gradient.Max(Math.Abs);
            Assert.True(scale > 0, $"{name}: {parameter} got no gradient");
            Assert.True(difference <= 1e-5 + (1e-4 * scale), $"{name}: {parameter} differs by {difference} (largest gradient {scale}) {string.Join(",", gradient.Take(5))} vs {string.Join(",", actual[parameter].Take(5))}");
        }
    }

    [Fact]
    public void LossBackward_through_a_reused_larger_logits_buffer_gives_the_gradients_of_a_fresh_one_bit_for_bit()
    {
        using var bigInputs = tensor(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8 }, [3, 6]);
        using var bigPositions = arange(17L);
        using var bigTargets = tensor(new long[] { 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8 });
        var (inputs, positions, targets) = (SmallInputs, SmallPositions, SmallTargets);

        // The same model and batch, once after a larger batch has sized the model's logits buffer, once on its own.
        var (reusedLoss, reused) = Run("sasrec", model =>
        {
            model.LossBackward(bigInputs, bigPositions, bigTargets);
            model.zero_grad();
            return model.LossBackward(inputs, positions, targets);
        });
        var (freshLoss, fresh) = Run("sasrec", model => model.LossBackward(inputs, positions, targets));

        Assert.Equal(BitConverter.SingleToInt32Bits(freshLoss), BitConverter.SingleToInt32Bits(reusedLoss));
        foreach (var (parameter, gradient) in fresh)
        {
            Assert.Equal(gradient.Select(BitConverter.SingleToInt32Bits), reused[parameter].Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void Logits_write_into_a_given_buffer_and_refuse_one_of_another_shape()
    {
        using var features = arange(6f).view(2, 3).div(10);
        using var classes = arange(12f).view(4, 3).div(7);
        using var bias = arange(4f);
        using var buffer = full(2, 4, float.NaN);

        var logits = TiedSoftmaxCrossEntropy.Logits(features, classes, bias, buffer);

        Assert.Same(buffer, logits);
        using var expected = nn.functional.linear(features, classes, bias);
        Assert.True(buffer.equal(expected).all().item<bool>());
        using var wrong = empty(3, 4);
        Assert.Contains("2 × 4", Assert.Throws<ArgumentException>(() => TiedSoftmaxCrossEntropy.Logits(features, classes, bias, wrong)).Message);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(300)]
    public void Logits_in_blocks_of_classes_equal_linear_bit_for_bit(int rows)
    {
        // 2,500 classes: two whole blocks and a partial one.
        var random = new Random(rows);
        Tensor Values(params long[] shape) => tensor([.. Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(_ => (float)(random.NextDouble() - 0.5))], shape);
        using var features = Values(rows, 48);
        using var classes = Values(2_500, 48);
        using var bias = Values(2_500);

        using var expected = nn.functional.linear(features, classes, bias);
        using var actual = TiedSoftmaxCrossEntropy.Logits(features, classes, bias);

        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(
            expected.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits),
            actual.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    // A fresh seeded model in evaluation mode (no dropout), one loss and backward pass, and every gradient.
    private static (float Loss, Dictionary<string, float[]> Gradients) Run(string name, Func<SequenceModule, float> step)
    {
        TorchRuntime.Seed(5);
        using SequenceModule model = name switch
        {
            "sasrec" => new SasRecModule(10, new SasRecConfig(MaxLength: 6, Layers: 2, Heads: 2, EmbeddingDim: 16)),
            "gru4rec" => new Gru4RecModule(10, new Gru4RecConfig(MaxLength: 6, EmbeddingDim: 12, HiddenDim: 20)),
            _ => new Bert4RecModule(10, new Bert4RecConfig(MaxLength: 6, Layers: 2, Heads: 2, EmbeddingDim: 16)),
        };
        model.eval();
        var loss = step(model);
        var gradients = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.data<float>().ToArray());
        return (loss, gradients);
    }
}
