using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// <see cref="KerasAdamW"/>'s update of one float CPU parameter in two SIMD sweeps instead of six libtorch passes,
/// with the numbers of those passes bit for bit: the decay, <c>lerp_</c> and <c>mul_</c> + <c>addcmul_</c> (both fused
/// multiply-adds in libtorch) in the first sweep, libtorch's own <c>sqrt</c> of v (not IEEE's: it differs in the last
/// bit on some inputs), then <c>add_(ε)</c> and <c>addcdiv_</c> in the second.
/// </summary>
internal static class KerasAdamWSweep
{
    private const int Block = 1 << 16;

    /// <summary>Whether the sweeps can update these tensors (otherwise the libtorch ops run).</summary>
    public static bool Applies(Tensor parameter, Tensor gradient, Tensor m, Tensor v) =>
        parameter.IsContiguousCpuFloat32() && gradient.IsContiguousCpuFloat32() && m.IsContiguousCpuFloat32() && v.IsContiguousCpuFloat32();

    /// <summary>
    /// p ← p·decay (when decay ≠ 1); m ← m + (1 − β₁)(g − m); v ← v·β₂ + (1 − β₂)·g·g; p ← p + (−α·m) / (√v + ε).
    /// </summary>
    public static void Update(Tensor parameter, Tensor gradient, Tensor m, Tensor v, double decay, double beta1, double beta2, double epsilon, double alpha)
    {
        var count = checked((int)parameter.numel());
        var blocks = (count + Block - 1) / Block;
        var threads = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, get_num_threads()) };
        var (fDecay, w1, fBeta2, w2) = ((float)decay, (float)(1 - beta1), (float)beta2, (float)(1 - beta2));
        Parallel.For(0, blocks, threads, b =>
        {
            var range = BlockRange(b, count);
            Moments(Floats(parameter)[range], Floats(gradient)[range], Floats(m)[range], Floats(v)[range], fDecay, w1, fBeta2, w2);
        });

        using var root = v.sqrt();
        var (fEpsilon, step) = ((float)epsilon, (float)-alpha);
        Parallel.For(0, blocks, threads, b =>
        {
            var range = BlockRange(b, count);
            Parameters(Floats(parameter)[range], Floats(m)[range], Floats(root)[range], fEpsilon, step);
        });
    }

    private static Range BlockRange(int block, int count) => new(block * Block, Math.Min(count, (block + 1) * Block));

    private static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);

    private static void Moments(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float decay, float w1, float beta2, float w2)
    {
        var i = 0;
        if (decay != 1)
        {
            var d = Vector256.Create(decay);
            for (; i + 8 <= p.Length; i += 8)
            {
                (Vector256.Create((ReadOnlySpan<float>)p.Slice(i, 8)) * d).CopyTo(p.Slice(i, 8));
            }

            for (; i < p.Length; i++)
            {
                p[i] *= decay;
            }
        }

        var (vw1, vBeta2, vw2) = (Vector256.Create(w1), Vector256.Create(beta2), Vector256.Create(w2));
        for (i = 0; i + 8 <= p.Length; i += 8)
        {
            var gi = Vector256.Create(g.Slice(i, 8));
            var mi = Vector256.Create((ReadOnlySpan<float>)m.Slice(i, 8));
            var vi = Vector256.Create((ReadOnlySpan<float>)v.Slice(i, 8));
            Vector256.FusedMultiplyAdd(vw1, gi - mi, mi).CopyTo(m.Slice(i, 8));
            Vector256.FusedMultiplyAdd(vw2 * gi, gi, vi * vBeta2).CopyTo(v.Slice(i, 8));
        }

        for (; i < p.Length; i++)
        {
            m[i] = MathF.FusedMultiplyAdd(w1, g[i] - m[i], m[i]);
            v[i] = MathF.FusedMultiplyAdd(w2 * g[i], g[i], v[i] * beta2);
        }
    }

    private static void Parameters(Span<float> p, ReadOnlySpan<float> m, ReadOnlySpan<float> root, float epsilon, float step)
    {
        var (vEpsilon, vStep) = (Vector256.Create(epsilon), Vector256.Create(step));
        var i = 0;
        for (; i + 8 <= p.Length; i += 8)
        {
            var pi = Vector256.Create((ReadOnlySpan<float>)p.Slice(i, 8));
            var denominator = Vector256.Create(root.Slice(i, 8)) + vEpsilon;
            (pi + (vStep * Vector256.Create(m.Slice(i, 8)) / denominator)).CopyTo(p.Slice(i, 8));
        }

        for (; i < p.Length; i++)
        {
            p[i] += step * m[i] / (root[i] + epsilon);
        }
    }
}
