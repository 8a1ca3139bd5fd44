using LlmSeqRec.Data;

namespace LlmSeqRec.Models;

/// <summary>
/// The one interface every model implements: fit on a train split (sessions + catalog), then recommend the top-k
/// items for a batch of prompts. Items are dense catalog indexes; prompts are in time order.
/// </summary>
public interface IRecommender
{
    /// <summary>A short display name (for tables and logs).</summary>
    string Name { get; }

    /// <summary>Fits the model. Long fits report progress and honour cancellation.</summary>
    Task FitAsync(TrainingSet training, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Recommends up to <paramref name="topK"/> items per prompt, best first.</summary>
    IReadOnlyList<int[]> Recommend(IReadOnlyList<int[]> prompts, int topK, CancellationToken cancellationToken = default);
}

/// <summary>Fit progress: a stage, and the completed fraction in [0, 1] when known.</summary>
public sealed record FitProgress(string Stage, double? Fraction = null, string? Detail = null);
