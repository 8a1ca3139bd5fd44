namespace LlmSeqRec.Models.Neural;

/// <summary>How <see cref="SequenceTrainer"/> trains: the papers' Keras AdamW with clipnorm, and early stopping.</summary>
/// <param name="LearningRate">AdamW learning rate.</param>
/// <param name="WeightDecay">Decoupled weight decay on all parameters.</param>
/// <param name="ClipNorm">Per-tensor gradient norm cap (Keras clipnorm); null for none.</param>
/// <param name="BatchSize">Sequences per step.</param>
/// <param name="MaxEpochs">Upper bound on epochs.</param>
/// <param name="Patience">Epochs without improvement of the validation NDCG@20 before stopping.</param>
/// <param name="ValidationFraction">Share of the train sequences held out for validation.</param>
/// <param name="MaxValidationSessions">Cap on the validation sequences.</param>
/// <param name="Seed">Seed of the initialisation, the validation sample, the shuffling and dropout.</param>
/// <param name="AdamEpsilon">Adam's epsilon (Keras' default 1e-7).</param>
public sealed record TrainingOptions(
    double LearningRate = 1e-3,
    double WeightDecay = 0,
    double? ClipNorm = null,
    int BatchSize = 128,
    int MaxEpochs = 100,
    int Patience = 2,
    double ValidationFraction = 0.1,
    int MaxValidationSessions = 500,
    int Seed = 42,
    double AdamEpsilon = 1e-7)
{
    /// <summary>Fails with a message naming the first bad field.</summary>
    public void Validate()
    {
        if (LearningRate <= 0 || WeightDecay < 0 || ClipNorm <= 0 || BatchSize < 1 || MaxEpochs < 0 || Patience < 1
            || ValidationFraction is < 0 or >= 1 || MaxValidationSessions < 0 || AdamEpsilon <= 0)
        {
            throw new ArgumentException($"bad training options: {ModelConfiguration.Describe(this)}");
        }
    }
}
