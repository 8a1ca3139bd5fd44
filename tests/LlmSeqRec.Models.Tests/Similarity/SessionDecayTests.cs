using LlmSeqRec.Models.Similarity;

namespace LlmSeqRec.Models.Tests.Similarity;

public sealed class SessionDecayTests
{
    // Weights listed oldest → newest for a prompt of length 4 (distance i = 4, 3, 2, 1), computed by hand.
    [Theory]
    [InlineData(SessionDecay.None, new[] { 1.0, 1.0, 1.0, 1.0 })]
    [InlineData(SessionDecay.ConstantLinear, new[] { 0.7, 0.8, 0.9, 1.0 })]
    [InlineData(SessionDecay.ScalingLinear, new[] { 0.25, 0.5, 0.75, 1.0 })]
    [InlineData(SessionDecay.ScalingQuadratic, new[] { 0.0625, 0.25, 0.5625, 1.0 })]
    [InlineData(SessionDecay.ScalingCubic, new[] { 0.015625, 0.125, 0.421875, 1.0 })]
    [InlineData(SessionDecay.Harmonic, new[] { 0.25, 1.0 / 3, 0.5, 1.0 })]
    [InlineData(SessionDecay.HarmonicSquared, new[] { 0.0625, 1.0 / 9, 0.25, 1.0 })]
    public void Weights_for_a_prompt_of_four(SessionDecay decay, double[] expected)
    {
        var weights = Enumerable.Range(0, 4).Select(j => decay.Weight(4 - j, 4)).ToArray();

        Assert.Equal(expected, weights, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Log_decay_is_one_over_ln_i_plus_one()
    {
        Assert.Equal(1.0, SessionDecay.Log.Weight(1, 3), 12);
        Assert.Equal(1 / (Math.Log(2) + 1), SessionDecay.Log.Weight(2, 3), 12);
        Assert.Equal(1 / (Math.Log(3) + 1), SessionDecay.Log.Weight(3, 3), 12);
    }

    [Fact]
    public void Constant_linear_has_a_floor_of_1e_minus_5_from_ten_steps_back()
    {
        Assert.Equal(0.1, SessionDecay.ConstantLinear.Weight(10, 12), 12);
        Assert.Equal(1e-5, SessionDecay.ConstantLinear.Weight(11, 12), 12);
        Assert.Equal(1e-5, SessionDecay.ConstantLinear.Weight(12, 12), 12);
    }

    [Fact]
    public void Distance_outside_the_prompt_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionDecay.Harmonic.Weight(0, 3));
}
