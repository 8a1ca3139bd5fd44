namespace LlmSeqRec.Models.Neural;

/// <summary>What a training run did.</summary>
/// <param name="History">Every epoch, including those of earlier runs that were resumed.</param>
/// <param name="BestEpoch">The epoch whose weights the model ends with (the last one without validation).</param>
/// <param name="BestScore">Its validation NDCG@20 (NaN without validation).</param>
/// <param name="ResumedFromEpoch">The checkpoint epoch this run started from (0 for a fresh run).</param>
/// <param name="TrainSequences">Sequences trained on per epoch.</param>
/// <param name="ValidationSequences">Sequences held out for the inner validation.</param>
public sealed record TrainingOutcome(
    IReadOnlyList<EpochSummary> History, int BestEpoch, double BestScore, int ResumedFromEpoch, int TrainSequences, int ValidationSequences);
