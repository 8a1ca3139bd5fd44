namespace LlmSeqRec.Models.Neural;

/// <summary>What <see cref="NeuralRecommender"/> needs to know about a neural model besides its module.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Description">The model's configuration as one line (part of the checkpoint run key).</param>
/// <param name="MaxLength">Window length N.</param>
/// <param name="Training">Optimiser, early stopping and seed.</param>
/// <param name="Device">cpu, cuda, cuda:N or auto.</param>
/// <param name="FilterPromptItems">Leave out the items of the input window from recommendations.</param>
/// <param name="PredictionBatchSize">Prompts per inference batch.</param>
public sealed record NeuralModelSpec(
    string Name,
    string Description,
    int MaxLength,
    TrainingOptions Training,
    string Device = "cpu",
    bool FilterPromptItems = true,
    int PredictionBatchSize = 1000);
