namespace LlmSeqRec.Embeddings.Reduction;

/// <summary>The dimensionality reductions of the papers (section 4.2 of the paper notes).</summary>
public enum ReductionMethod
{
    /// <summary>Principal component analysis (centred, no whitening), as sklearn's PCA.</summary>
    Pca,

    /// <summary>Gaussian random projection with entries N(0, 1/d), as sklearn's GaussianRandomProjection (seeded here).</summary>
    Random,

    /// <summary>Linear discriminant analysis on item class labels, as sklearn's LinearDiscriminantAnalysis (svd solver).</summary>
    Lda,

    /// <summary>The papers' linear autoencoder: Dense layers without activations, MSE, Adam, 3 epochs, batch 512.</summary>
    Autoencoder,
}

/// <summary>How to reduce a catalog embedding matrix.</summary>
/// <param name="Method">The reduction.</param>
/// <param name="Dimensions">Target dimension (LDA caps it at classes - 1).</param>
/// <param name="Normalize">L2-normalise the reduced rows (LLMSeqSim and SKNNEmb do; LLM2X does not). Zero rows stay zero.</param>
/// <param name="Seed">Seed of the random projection and of the autoencoder's initialisation and shuffling.</param>
/// <param name="ClassAttribute">For LDA: the item attribute whose value is the class label (items without it share one class).</param>
public sealed record ReductionConfig(
    ReductionMethod Method = ReductionMethod.Pca,
    int Dimensions = 64,
    bool Normalize = true,
    int Seed = 42,
    string ClassAttribute = "categories");
