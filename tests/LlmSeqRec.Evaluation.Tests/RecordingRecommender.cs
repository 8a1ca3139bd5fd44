using LlmSeqRec.Data;
using LlmSeqRec.Models;

namespace LlmSeqRec.Evaluation.Tests;

/// <summary>A recommender that answers with a fixed function of the prompt and records how it was called.</summary>
internal sealed class RecordingRecommender(Func<int[], int[]> recommend) : IRecommender
{
    public string Name => "recording";

    public List<int> BatchSizes { get; } = [];

    public List<int> TopKs { get; } = [];

    public List<int[]> Prompts { get; } = [];

    public Task FitAsync(TrainingSet training, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public IReadOnlyList<int[]> Recommend(IReadOnlyList<int[]> prompts, int topK, CancellationToken cancellationToken = default)
    {
        BatchSizes.Add(prompts.Count);
        TopKs.Add(topK);
        Prompts.AddRange(prompts);
        return prompts.Select(recommend).ToArray();
    }
}

/// <summary>An <see cref="IProgress{T}"/> that records synchronously (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class RecordingProgress<T> : IProgress<T>
{
    public List<T> Values { get; } = [];

    public void Report(T value) => Values.Add(value);
}
