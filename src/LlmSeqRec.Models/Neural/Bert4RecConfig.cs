namespace LlmSeqRec.Models.Neural;

/// <summary>
/// BERT4Rec's settings (and LLM2BERT4Rec's, which adds <see cref="Reduction"/>). Defaults are the P2 Beauty
/// configuration (paper notes 4.8), which trains in about an hour here; p1 (notes 4.9: emb 512, 2 layers) takes hours.
/// </summary>
/// <param name="MaxLength">N: the window of last items.</param>
/// <param name="Layers">L: transformer layers.</param>
/// <param name="Heads">h: attention heads (key_dim = emb / h).</param>
/// <param name="EmbeddingDim">emb (the feed-forward width is 4·emb).</param>
/// <param name="Dropout">After attention and after the feed-forward network.</param>
/// <param name="MaskProbability">Per-position masking probability of the random cloze copies.</param>
/// <param name="RandomMaskedCopies">Randomly masked copies per train sequence and epoch (plus one with the last item masked).</param>
/// <param name="LearningRate">AdamW learning rate.</param>
/// <param name="WeightDecay">AdamW decoupled weight decay (on all parameters).</param>
/// <param name="ClipNorm">Keras clipnorm per gradient tensor; null for none.</param>
/// <param name="BatchSize">Examples per step.</param>
/// <param name="MaxEpochs">Upper bound on epochs.</param>
/// <param name="Patience">Epochs without a better validation NDCG@20 before stopping.</param>
/// <param name="ValidationFraction">Share of train sessions held out for the inner validation.</param>
/// <param name="MaxValidationSessions">Cap on the inner validation sessions.</param>
/// <param name="PredictionBatchSize">Prompts per inference batch.</param>
/// <param name="Device">cpu, cuda, cuda:N or auto.</param>
/// <param name="Reduction">LLM2BERT4Rec only: how the LLM item embeddings are reduced to emb.</param>
public sealed record Bert4RecConfig(
    int MaxLength = 20,
    int Layers = 1,
    int Heads = 2,
    int EmbeddingDim = 192,
    double Dropout = 0.4,
    double MaskProbability = 0.9,
    int RandomMaskedCopies = 10,
    double LearningRate = 0.0023,
    double WeightDecay = 0.0409,
    double? ClipNorm = 92,
    int BatchSize = 256,
    int MaxEpochs = 100,
    int Patience = 2,
    double ValidationFraction = 0.1,
    int MaxValidationSessions = 500,
    int PredictionBatchSize = 1000,
    string Device = "cpu",
    Embeddings.Reduction.ReductionConfig? Reduction = null) : INeuralModelConfig
{
    /// <summary>The papers' Beauty settings: p1 (notes 4.9) and p2 (notes 4.8, the defaults).</summary>
    public static IReadOnlyDictionary<string, Bert4RecConfig> Presets { get; } = new Dictionary<string, Bert4RecConfig>(StringComparer.OrdinalIgnoreCase)
    {
        ["p1"] = new(Layers: 2, Heads: 2, EmbeddingDim: 512, Dropout: 0.25, MaskProbability: 0.65, LearningRate: 1e-4, WeightDecay: 0.004, ClipNorm: 5),
        ["p2"] = new(),
    };

    /// <summary>
    /// LLM2BERT4Rec's presets: p1 (notes 4.9: L 3, h 3, emb 208 from PCA, no dropout, mask 0.5, lr 1e-4, clip 5, wd 0.002)
    /// and p2 (notes 4.8: L 2, h 1, emb 448, dropout 0.45, mask 0.65, lr 0.0012, wd 0.0235, clip 5, batch 224; the paper
    /// reduced PaLM embeddings with LDA, which needs item classes, so PCA here).
    /// </summary>
    public static IReadOnlyDictionary<string, Bert4RecConfig> LlmPresets { get; } = new Dictionary<string, Bert4RecConfig>(StringComparer.OrdinalIgnoreCase)
    {
        ["p1"] = new(Layers: 3, Heads: 3, EmbeddingDim: 208, Dropout: 0, MaskProbability: 0.5, LearningRate: 1e-4, WeightDecay: 0.002, ClipNorm: 5, Reduction: SasRecConfig.LlmReduction),
        ["p2"] = new(Layers: 2, Heads: 1, EmbeddingDim: 448, Dropout: 0.45, MaskProbability: 0.65, LearningRate: 0.0012, WeightDecay: 0.0235, ClipNorm: 5, BatchSize: 224, Reduction: SasRecConfig.LlmReduction),
    };

    /// <summary>The optimiser and early-stopping part, for the trainer.</summary>
    public TrainingOptions Training(int seed) =>
        new(LearningRate, WeightDecay, ClipNorm, BatchSize, MaxEpochs, Patience, ValidationFraction, MaxValidationSessions, seed);
}
