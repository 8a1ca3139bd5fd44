namespace LlmSeqRec.Embeddings.Providers;

/// <summary>
/// A remote embedding request failed for good: retries ran out, the service refused it, or its answer was
/// malformed. Names the endpoint, the deployment, the batch (first and last text index) and the problem.
/// </summary>
public sealed class EmbeddingServiceException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> should already name everything below.</summary>
    public EmbeddingServiceException(string message, string endpoint, string deployment, int firstIndex, int lastIndex,
        int? status, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        Deployment = deployment;
        FirstIndex = firstIndex;
        LastIndex = lastIndex;
        Status = status;
        Attempts = attempts;
    }

    /// <summary>The service endpoint.</summary>
    public string Endpoint { get; }

    /// <summary>The deployment name.</summary>
    public string Deployment { get; }

    /// <summary>Index of the first text of the failed batch.</summary>
    public int FirstIndex { get; }

    /// <summary>Index of the last text of the failed batch.</summary>
    public int LastIndex { get; }

    /// <summary>The HTTP error status of the last answer, or null when there was none (a timeout, a network failure, a malformed answer).</summary>
    public int? Status { get; }

    /// <summary>Attempts made for the batch.</summary>
    public int Attempts { get; }
}
