namespace LlmSeqRec.Models.Knn;

/// <summary>The weight function of each <see cref="PositionDecay"/>.</summary>
public static class PositionDecayWeights
{
    /// <summary>The lowest weight of <see cref="PositionDecay.Linear"/>.</summary>
    public const double LinearFloor = 1e-4;

    /// <summary>
    /// The weight of the item at distance <paramref name="fromEnd"/> from the end of the prompt (1 = the last item).
    /// </summary>
    public static double Weight(this PositionDecay decay, int fromEnd)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromEnd, 1);
        return decay switch
        {
            PositionDecay.None => 1.0,
            PositionDecay.Linear => Math.Max(LinearFloor, 1.0 - (0.1 * (fromEnd - 1))),
            PositionDecay.Log => 1.0 / (Math.Log(fromEnd) + 1.0),
            PositionDecay.Harmonic => 1.0 / fromEnd,
            PositionDecay.Quadratic => 1.0 / ((double)fromEnd * fromEnd),
            _ => throw new ArgumentOutOfRangeException(nameof(decay), decay, "unknown decay"),
        };
    }
}
