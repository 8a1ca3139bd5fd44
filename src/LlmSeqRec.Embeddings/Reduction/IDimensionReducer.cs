using TorchSharp;

namespace LlmSeqRec.Embeddings.Reduction;

/// <summary>One dimensionality reduction, fitted on the whole catalog matrix and applied to it.</summary>
public interface IDimensionReducer
{
    /// <summary>Short name used in model ids and logs, e.g. "pca64".</summary>
    string Name { get; }

    /// <summary>Fits on <paramref name="items"/> [rows × dims] and returns the reduced rows [rows × output dims] (float32).</summary>
    torch.Tensor FitTransform(torch.Tensor items);
}
