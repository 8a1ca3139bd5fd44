using LlmSeqRec.Models.Knn;

namespace LlmSeqRec.Models.Tests.Knn;

public class PositionDecayWeightsTests
{
    [Theory]
    // i = distance from the end of the prompt, 1 = the last item.
    [InlineData(PositionDecay.None, 1, 1.0)]
    [InlineData(PositionDecay.None, 7, 1.0)]
    [InlineData(PositionDecay.Linear, 1, 1.0)]
    [InlineData(PositionDecay.Linear, 2, 0.9)]
    [InlineData(PositionDecay.Linear, 10, 0.1)]           // 1 - 0.9
    [InlineData(PositionDecay.Linear, 11, 1e-4)]          // 1 - 1.0 = 0 → the 1e-4 floor
    [InlineData(PositionDecay.Linear, 40, 1e-4)]          // negative → the floor
    [InlineData(PositionDecay.Log, 1, 1.0)]               // 1 / (ln 1 + 1)
    [InlineData(PositionDecay.Log, 3, 0.4765053580)]      // 1 / (1.0986123 + 1)
    [InlineData(PositionDecay.Harmonic, 4, 0.25)]
    [InlineData(PositionDecay.Quadratic, 3, 1.0 / 9)]
    public void Weight_by_distance_from_the_end(PositionDecay decay, int fromEnd, double expected) =>
        Assert.Equal(expected, decay.Weight(fromEnd), 9);

    [Fact]
    public void Distance_starts_at_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionDecay.Harmonic.Weight(0));
}
