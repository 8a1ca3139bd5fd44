namespace LlmSeqRec.Models.Neural;

/// <summary>
/// The state of a training run after an epoch: enough to resume it exactly (with the same seed, data and settings).
/// </summary>
/// <param name="RunKey">Identifies the run (model, settings, data); a checkpoint of another run is not resumed.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="BestScore">Best validation NDCG@20 so far.</param>
/// <param name="BestEpoch">The epoch that reached it (0 before any).</param>
/// <param name="Finished">Early stopping (or the epoch limit) ended the run.</param>
/// <param name="History">The finished epochs.</param>
/// <param name="Weights">The model's parameters after <paramref name="Epoch"/> (TorchSharp's module format).</param>
/// <param name="BestWeights">The parameters of <paramref name="BestEpoch"/>.</param>
/// <param name="OptimizerState">The optimiser's state (moments and step counts).</param>
public sealed record TrainingCheckpoint(
    string RunKey,
    int Epoch,
    double BestScore,
    int BestEpoch,
    bool Finished,
    IReadOnlyList<EpochSummary> History,
    byte[] Weights,
    byte[] BestWeights,
    byte[] OptimizerState);
