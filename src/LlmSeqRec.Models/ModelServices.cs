using LlmSeqRec.Embeddings;
using LlmSeqRec.Models.Neural;

namespace LlmSeqRec.Models;

/// <summary>What the host provides to models that need more than the training data.</summary>
/// <param name="Embeddings">Item embeddings of a catalog (LLMSeqSim, SKNNEmb, LLM2X).</param>
/// <param name="Checkpoints">Where neural models keep training checkpoints and resume from; null for none.</param>
public sealed record ModelServices(IItemEmbeddingSource? Embeddings = null, ICheckpointStore? Checkpoints = null)
{
    /// <summary>The embedding source, or a clear error naming the model that needs it.</summary>
    public IItemEmbeddingSource RequireEmbeddings(string model) =>
        Embeddings ?? throw new ArgumentException($"model '{model}' needs item embeddings, and none were configured");
}
