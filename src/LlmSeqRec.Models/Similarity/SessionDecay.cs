namespace LlmSeqRec.Models.Similarity;

/// <summary>
/// How much each prompt item counts in a weighted-mean session embedding, by its distance i from the end of the
/// prompt (the most recent item has i = 1, the oldest i = L). Names as in the papers' code.
/// </summary>
public enum SessionDecay
{
    /// <summary>Every item weighs 1 (the plain mean).</summary>
    None,

    /// <summary>max(1e-5, 1 − 0.1·(i − 1)): 1.0, 0.9, … 0.1, then 1e-5 from 10 steps back.</summary>
    ConstantLinear,

    /// <summary>max(1e-5, 1 − (i − 1)/L): the oldest item gets 1/L.</summary>
    ScalingLinear,

    /// <summary>The square of <see cref="ScalingLinear"/>.</summary>
    ScalingQuadratic,

    /// <summary>The cube of <see cref="ScalingLinear"/>.</summary>
    ScalingCubic,

    /// <summary>1 / (ln i + 1).</summary>
    Log,

    /// <summary>1 / i.</summary>
    Harmonic,

    /// <summary>1 / i² (called "squared_harmonic" in the papers' online material).</summary>
    HarmonicSquared,
}

/// <summary>The weights of <see cref="SessionDecay"/>.</summary>
public static class SessionDecayWeights
{
    /// <summary>The weight of the item at distance <paramref name="distance"/> (1 = most recent) in a prompt of <paramref name="length"/> items.</summary>
    public static double Weight(this SessionDecay decay, int distance, int length)
    {
        if (distance < 1 || distance > length)
        {
            throw new ArgumentOutOfRangeException(nameof(distance), distance, $"distance must be in 1..{length}");
        }

        var scaling = Math.Max(1e-5, 1 - ((distance - 1) / (double)length));
        return decay switch
        {
            SessionDecay.None => 1,
            SessionDecay.ConstantLinear => Math.Max(1e-5, 1 - (0.1 * (distance - 1))),
            SessionDecay.ScalingLinear => scaling,
            SessionDecay.ScalingQuadratic => scaling * scaling,
            SessionDecay.ScalingCubic => scaling * scaling * scaling,
            SessionDecay.Log => 1 / (Math.Log(distance) + 1),
            SessionDecay.Harmonic => 1.0 / distance,
            SessionDecay.HarmonicSquared => 1.0 / ((double)distance * distance),
            _ => throw new ArgumentOutOfRangeException(nameof(decay), decay, "unknown decay"),
        };
    }
}
