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

public sealed class SessionEmbedderTests
{
    // Three 2-d items: e0 = (1, 0), e1 = (0, 1), e2 = (2, 2).
    private static readonly float[] Items = [1, 0, 0, 1, 2, 2];

    private static float[] Embed(SessionCombination combination, SessionDecay decay, params int[] prompt)
    {
        var output = new float[2];
        new SessionEmbedder(Items, 2, combination, decay).Embed(prompt, output);
        return output;
    }

    [Fact]
    public void Last_takes_the_most_recent_item_and_ignores_the_decay() =>
        Assert.Equal([2f, 2f], Embed(SessionCombination.Last, SessionDecay.Harmonic, 0, 1, 2));

    [Fact]
    public void Mean_without_decay_is_the_arithmetic_mean() =>
        Assert.Equal([1f, 1f], Embed(SessionCombination.Mean, SessionDecay.None, 0, 1, 2));

    [Fact]
    public void Harmonic_mean_weighs_recent_items_more()
    {
        // Weights 1/3, 1/2, 1 (oldest → newest), sum 11/6: x = (1/3·1 + 1·2) / (11/6) = 14/11, y = (1/2·1 + 1·2) / (11/6) = 15/11.
        var v = Embed(SessionCombination.Mean, SessionDecay.Harmonic, 0, 1, 2);
        Assert.Equal(14f / 11, v[0], 6);
        Assert.Equal(15f / 11, v[1], 6);
    }

    [Fact]
    public void Empty_prompt_gives_a_zero_vector() =>
        Assert.Equal([0f, 0f], Embed(SessionCombination.Mean, SessionDecay.None));
}
