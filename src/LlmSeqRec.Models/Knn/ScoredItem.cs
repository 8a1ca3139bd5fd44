namespace LlmSeqRec.Models.Knn;

/// <summary>A recommended item and its score.</summary>
/// <param name="Item">Dense catalog index.</param>
/// <param name="Score">Its score (larger is better).</param>
public readonly record struct ScoredItem(int Item, double Score);
