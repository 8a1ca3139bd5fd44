using TorchSharp;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>Which tensors the C# fast paths (dropout masks, optimiser sweeps, clipping) may read and write directly.</summary>
internal static class CpuFloatTensors
{
    /// <summary>float32 in CPU memory.</summary>
    public static bool IsCpuFloat32(this Tensor tensor) => tensor.device_type == DeviceType.CPU && tensor.dtype == ScalarType.Float32;

    /// <summary>float32 in CPU memory, contiguous: its values are one span of floats.</summary>
    public static bool IsContiguousCpuFloat32(this Tensor tensor) => tensor.IsCpuFloat32() && tensor.is_contiguous();
}
