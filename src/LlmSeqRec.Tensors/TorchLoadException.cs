namespace LlmSeqRec.Tensors;

/// <summary>TorchSharp's native libraries could not be loaded; the message says which one and what to do.</summary>
public sealed class TorchLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TorchLoadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TorchLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the load failure underneath.</summary>
    public TorchLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
