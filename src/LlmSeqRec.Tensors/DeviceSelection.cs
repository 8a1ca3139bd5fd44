using TorchSharp;

namespace LlmSeqRec.Tensors;

/// <summary>The device a device setting resolved to, and why it is not the one asked for if it is not.</summary>
/// <param name="Device">The device to put tensors on.</param>
/// <param name="Setting">The setting as given ("cpu", "cuda", "cuda:N" or "auto").</param>
/// <param name="FallbackReason">
/// Set when CUDA was asked for but CPU was chosen: a sentence saying why, for the caller to log. Null otherwise
/// (also for "auto" on a machine without CUDA, which is not a fallback).
/// </param>
public sealed record DeviceSelection(torch.Device Device, string Setting, string? FallbackReason)
{
    /// <summary>True when the device is a CUDA device.</summary>
    public bool IsCuda => Device.type == DeviceType.CUDA;

    /// <summary>True when CUDA was asked for and CPU was chosen instead.</summary>
    public bool FellBack => FallbackReason is not null;
}
