using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>Keras' <c>clipnorm</c>: every gradient tensor rescaled on its own to at most a given L2 norm.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Every gradient g becomes g · clip / max(‖g‖, clip) (in the gradient's float type). On the CPU a tensor within the
    /// limit, whose factor is exactly 1, is left as it is, which saves a pass over it (the item table's gradient is
    /// ~15 MB); elsewhere the factor is applied without reading the norm back to the host.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients are clipped (those without one are skipped).</param>
    /// <param name="clip">The largest L2 norm of each tensor.</param>
    public static void PerTensor(IEnumerable<Parameter> parameters, double clip)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var _ = no_grad();
        foreach (var parameter in parameters)
        {
            if (parameter.grad is not { } grad)
            {
                continue;
            }

            using var norm = grad.norm();
            if (grad.IsCpuFloat32() && norm.item<float>() <= (float)clip)
            {
                continue;
            }

            using var clamped = norm.clamp_min(clip);
            using var factor = clip / clamped;
            grad.mul_(factor);
        }
    }
}
