namespace LlmSeqRec.Embeddings.Providers;

/// <summary>What a remote embedding provider has used so far, as the service counted it.</summary>
/// <param name="PromptTokens">Input tokens billed, summed over successful requests.</param>
/// <param name="TotalTokens">Total tokens billed, summed over successful requests.</param>
/// <param name="Requests">HTTP requests sent, retries included.</param>
/// <param name="Retries">Requests that were retries of a failed one.</param>
public sealed record EmbeddingUsage(long PromptTokens, long TotalTokens, int Requests, int Retries);
