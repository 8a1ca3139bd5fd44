namespace LlmSeqRec.Models.Knn;

/// <summary>
/// A small, fully specified pseudo-random generator (Steele, Lea and Flood's SplitMix64), so that seeded sampling
/// gives the same numbers on every platform and .NET version.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state = state;

    /// <summary>Mixes <paramref name="value"/> into <paramref name="hash"/> (order-sensitive).</summary>
    public static ulong Combine(ulong hash, ulong value) => Finalise(hash ^ Finalise(value + Gamma));

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        _state += Gamma;
        return Finalise(_state);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) (Lemire's method, no modulo bias).</summary>
    public int NextBelow(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var range = (ulong)bound;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var product = Math.BigMul(Next(), range, out var low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
