using LlmSeqRec.Models.Similarity;

namespace LlmSeqRec.Models.Tests.Similarity;

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
