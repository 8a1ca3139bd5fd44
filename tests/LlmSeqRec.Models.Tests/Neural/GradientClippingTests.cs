using LlmSeqRec.Models.Neural;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Tests.Neural;

public class GradientClippingTests
{
    [Fact]
    public void Each_tensor_over_the_limit_ends_at_it_and_the_others_keep_every_bit()
    {
        using var large = Parameter(tensor(new[] { 3f, 4f }));        // norm 5
        using var small = Parameter(tensor(new[] { 0.1f, -0.7f, 1e-30f }));
        using var exact = Parameter(tensor(new[] { 0f, 2f }));        // norm 2, the limit itself
        using var none = Parameter(tensor(new[] { 1f }));
        large.grad = tensor(new[] { 30f, 40f });
        small.grad = tensor(new[] { 0.1f, -0.7f, 1e-30f });
        exact.grad = tensor(new[] { 0f, 2f });
        var smallBefore = Bits(small.grad);

        GradientClipping.PerTensor([large, small, exact, none], clip: 2);

        var clipped = large.grad!.data<float>().ToArray();
        Assert.Equal(1.2f, clipped[0], 5);
        Assert.Equal(1.6f, clipped[1], 5);
        Assert.Equal(smallBefore, Bits(small.grad!));
        Assert.Equal(new[] { 0f, 2f }, exact.grad!.data<float>().ToArray());
        Assert.Null(none.grad);
    }

    [Fact]
    public void A_gradient_with_a_nan_becomes_all_nan_as_with_keras_clipnorm()
    {
        using var parameter = Parameter(tensor(new[] { 1f, 2f }));
        parameter.grad = tensor(new[] { float.NaN, 1f });

        GradientClipping.PerTensor([parameter], clip: 100);

        Assert.All(parameter.grad!.data<float>().ToArray(), value => Assert.True(float.IsNaN(value)));
    }

    private static Parameter Parameter(Tensor values) => new(values);

    private static int[] Bits(Tensor tensor) => [.. tensor.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits)];
}
