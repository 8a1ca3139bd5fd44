namespace LlmSeqRec.Models.Neural;

/// <summary>
/// SASRec's settings (and LLM2SASRec's, which adds <see cref="Reduction"/>): architecture, optimiser and early
/// stopping. Defaults are the P1 Beauty configuration (paper notes 4.9).
/// </summary>
/// <param name="MaxLength">N: the window of last items.</param>
/// <param name="Layers">L: transformer layers.</param>
/// <param name="Heads">h: attention heads (key_dim = emb / h).</param>
/// <param name="EmbeddingDim">emb (the feed-forward width equals it).</param>
/// <param name="Dropout">On the embeddings, after attention and after the feed-forward network.</param>
/// <param name="LearningRate">AdamW learning rate.</param>
/// <param name="WeightDecay">AdamW decoupled weight decay (on all parameters).</param>
/// <param name="ClipNorm">Keras clipnorm: each gradient tensor rescaled to at most this L2 norm; null for none.</param>
/// <param name="BatchSize">Sequences per step.</param>
/// <param name="MaxEpochs">Upper bound on epochs (early stopping usually ends sooner).</param>
/// <param name="Patience">Epochs without a better validation NDCG@20 before stopping.</param>
/// <param name="ValidationFraction">Share of train sessions held out for the inner validation.</param>
/// <param name="MaxValidationSessions">Cap on the inner validation sessions.</param>
/// <param name="PredictionBatchSize">Prompts per inference batch.</param>
/// <param name="Device">cpu, cuda, cuda:N or auto.</param>
/// <param name="Reduction">LLM2SASRec only: how the LLM item embeddings are reduced to emb (method and seed; the dimension is always emb, and there is no normalisation).</param>
public sealed record SasRecConfig(
    int MaxLength = 20,
    int Layers = 1,
    int Heads = 1,
    int EmbeddingDim = 320,
    double Dropout = 0.3,
    double LearningRate = 1e-3,
    double WeightDecay = 0,
    double? ClipNorm = 100,
    int BatchSize = 128,
    int MaxEpochs = 100,
    int Patience = 2,
    double ValidationFraction = 0.1,
    int MaxValidationSessions = 500,
    int PredictionBatchSize = 1000,
    string Device = "cpu",
    Embeddings.Reduction.ReductionConfig? Reduction = null) : INeuralModelConfig
{
    /// <summary>The papers' Beauty settings: p1 (RecSys 2023, notes 4.9) and p2 (Boz et al. 2024, notes 4.8).</summary>
    public static IReadOnlyDictionary<string, SasRecConfig> Presets { get; } = new Dictionary<string, SasRecConfig>(StringComparer.OrdinalIgnoreCase)
    {
        ["p1"] = new(),
        ["p2"] = new(Layers: 2, Heads: 3, EmbeddingDim: 48, Dropout: 0.25, LearningRate: 0.0048, WeightDecay: 0.0962, ClipNorm: null, BatchSize: 32),
    };

    /// <summary>LLM2SASRec's presets: p2 is the online material's Beauty row (PCA, emb 448, no dropout); p1 uses the SASRec P1 settings with PCA.</summary>
    public static IReadOnlyDictionary<string, SasRecConfig> LlmPresets { get; } = new Dictionary<string, SasRecConfig>(StringComparer.OrdinalIgnoreCase)
    {
        ["p1"] = new(Reduction: LlmReduction),
        ["p2"] = new(Layers: 1, Heads: 1, EmbeddingDim: 448, Dropout: 0, LearningRate: 0.0001, WeightDecay: 0.086, ClipNorm: 43, BatchSize: 416, Reduction: LlmReduction),
    };

    /// <summary>The LLM2X default reduction: PCA, no L2 normalisation.</summary>
    public static Embeddings.Reduction.ReductionConfig LlmReduction { get; } = new(Embeddings.Reduction.ReductionMethod.Pca, Normalize: false);

    /// <summary>The optimiser and early-stopping part, for the trainer.</summary>
    public TrainingOptions Training(int seed) =>
        new(LearningRate, WeightDecay, ClipNorm, BatchSize, MaxEpochs, Patience, ValidationFraction, MaxValidationSessions, seed);
}
