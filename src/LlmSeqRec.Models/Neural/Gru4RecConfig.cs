namespace LlmSeqRec.Models.Neural;

/// <summary>
/// GRU4Rec's settings (and LLM2GRU4Rec's, which adds <see cref="Reduction"/>) as the papers implement it: item
/// embeddings → dropout → one GRU layer over the window → dropout → the tied output head. Defaults are the P1
/// Beauty configuration (paper notes 4.9).
/// </summary>
/// <param name="MaxLength">N: the window of last items.</param>
/// <param name="EmbeddingDim">emb: item-embedding width (also the head's Dense width).</param>
/// <param name="HiddenDim">GRU state width.</param>
/// <param name="Dropout">After the embeddings and after the GRU.</param>
/// <param name="LearningRate">AdamW learning rate.</param>
/// <param name="WeightDecay">AdamW decoupled weight decay (on all parameters).</param>
/// <param name="ClipNorm">Keras clipnorm per gradient tensor; null for none.</param>
/// <param name="BatchSize">Sequences per step.</param>
/// <param name="MaxEpochs">Upper bound on epochs.</param>
/// <param name="Patience">Epochs without a better validation NDCG@20 before stopping.</param>
/// <param name="ValidationFraction">Share of train sessions held out for the inner validation.</param>
/// <param name="MaxValidationSessions">Cap on the inner validation sessions.</param>
/// <param name="PredictionBatchSize">Prompts per inference batch.</param>
/// <param name="Device">cpu, cuda, cuda:N or auto.</param>
/// <param name="Reduction">LLM2GRU4Rec only: how the LLM item embeddings are reduced to emb.</param>
public sealed record Gru4RecConfig(
    int MaxLength = 20,
    int EmbeddingDim = 208,
    int HiddenDim = 320,
    double Dropout = 0,
    double LearningRate = 1e-3,
    double WeightDecay = 0,
    double? ClipNorm = null,
    int BatchSize = 128,
    int MaxEpochs = 100,
    int Patience = 2,
    double ValidationFraction = 0.1,
    int MaxValidationSessions = 500,
    int PredictionBatchSize = 1000,
    string Device = "cpu",
    Embeddings.Reduction.ReductionConfig? Reduction = null) : INeuralModelConfig
{
    /// <summary>The papers' Beauty settings: p1 (notes 4.9) and p2 (notes 4.8: lr 0.0072, wd 0.0893, batch 32, emb 80, hidden 32).</summary>
    public static IReadOnlyDictionary<string, Gru4RecConfig> Presets { get; } = new Dictionary<string, Gru4RecConfig>(StringComparer.OrdinalIgnoreCase)
    {
        ["p1"] = new(),
        ["p2"] = new(EmbeddingDim: 80, HiddenDim: 32, LearningRate: 0.0072, WeightDecay: 0.0893, BatchSize: 32),
    };

    /// <summary>
    /// LLM2GRU4Rec's presets: p1 is GRU4Rec P1 with PCA; p2 is the online material's Beauty row (emb 192, hidden 496,
    /// lr 0.0013, wd 0.0572, batch 96; the material names PaLM + random projection, the notebook ada, so PCA here).
    /// </summary>
    public static IReadOnlyDictionary<string, Gru4RecConfig> LlmPresets { get; } = new Dictionary<string, Gru4RecConfig>(StringComparer.OrdinalIgnoreCase)
    {
        ["p1"] = new(Reduction: SasRecConfig.LlmReduction),
        ["p2"] = new(EmbeddingDim: 192, HiddenDim: 496, LearningRate: 0.0013, WeightDecay: 0.0572, BatchSize: 96, Reduction: SasRecConfig.LlmReduction),
    };

    /// <summary>The optimiser and early-stopping part, for the trainer.</summary>
    public TrainingOptions Training(int seed) =>
        new(LearningRate, WeightDecay, ClipNorm, BatchSize, MaxEpochs, Patience, ValidationFraction, MaxValidationSessions, seed);
}
