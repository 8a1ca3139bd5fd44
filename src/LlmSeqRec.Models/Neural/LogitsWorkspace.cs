using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// One buffer for the logits of <see cref="TiedSoftmaxCrossEntropy.Backward"/>'s chunks, kept from step to step. A
/// chunk's logits (~24 MB) allocated afresh every step are, with glibc's allocator, often mapped anew: the kernel then
/// faults in and zeroes every page again (thousands of page faults a step). Reusing one buffer gives the same numbers
/// without that.
/// </summary>
public sealed class LogitsWorkspace : IDisposable
{
    private Tensor? _buffer;
    private bool _disposed;

    /// <summary>A rows × columns view of the buffer, which grows (and is reallocated) when it is too small or of another type or device.</summary>
    public Tensor Matrix(long rows, long columns, ScalarType dtype, Device device)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(device);
        var size = rows * columns;
        if (_buffer is null || _buffer.shape[0] < size || _buffer.dtype != dtype || _buffer.device_type != device.type || _buffer.device_index != device.index)
        {
            _buffer?.Dispose();
            _buffer = empty([size], dtype, device).DetachFromDisposeScope();
        }

        return _buffer.narrow(0, 0, size).view(rows, columns);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _buffer?.Dispose();
        _buffer = null;
    }
}
