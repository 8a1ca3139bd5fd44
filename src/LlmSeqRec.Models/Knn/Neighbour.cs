namespace LlmSeqRec.Models.Knn;

/// <summary>A train session (numbered as in <see cref="SessionIndex"/>) and its similarity to a prompt.</summary>
/// <param name="Session">The session.</param>
/// <param name="Similarity">Its similarity to the prompt (larger is closer).</param>
public readonly record struct Neighbour(int Session, double Similarity);
