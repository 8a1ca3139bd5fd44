namespace LlmSeqRec.Embeddings;

/// <summary>A text-embedding model (local ONNX, Azure OpenAI, ...). Returns one vector per text, in order.</summary>
public interface IEmbeddingProvider
{
    /// <summary>Identifies the model for caching: provider name, model name and output dimensions.</summary>
    EmbeddingModelId Model { get; }

    /// <summary>Embeds <paramref name="texts"/> (none empty) into rows of a [texts × Dimensions] row-major buffer.</summary>
    Task<float[]> EmbedAsync(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>What makes two embedding runs interchangeable.</summary>
/// <param name="Provider">"local-onnx", "azure-openai", ...</param>
/// <param name="Name">The model or deployment's model name, e.g. "all-MiniLM-L6-v2".</param>
/// <param name="Dimensions">Length of each vector.</param>
public sealed record EmbeddingModelId(string Provider, string Name, int Dimensions);
