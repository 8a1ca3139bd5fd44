namespace LlmSeqRec.Reporting;

/// <summary>Whether the run's best model became the dataset's champion.</summary>
/// <param name="Promoted">True when the candidate replaced the champion.</param>
/// <param name="GateMetric">The metric the gate compares, e.g. "NDCG@20".</param>
/// <param name="Candidate">The run's best model on the gate metric.</param>
/// <param name="CandidateScore">Its score.</param>
/// <param name="ChampionScore">The current champion's score; null when there was no champion.</param>
/// <param name="Margin">How much the candidate had to beat the champion by.</param>
/// <param name="Reason">The decision in words.</param>
public sealed record PromotionDecision(
    bool Promoted,
    string GateMetric,
    string Candidate,
    double CandidateScore,
    double? ChampionScore,
    double Margin,
    string Reason);
