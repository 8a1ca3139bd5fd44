using LlmSeqRec.Data;

namespace LlmSeqRec.Models.Baselines;

/// <summary>
/// The papers' popularity baseline: items ranked by interaction count in the train split (ties by catalog order),
/// the same list for every session. Like the papers it does not filter prompt items unless asked to.
/// </summary>
/// <param name="filterPromptItems">Leave out items already in the prompt.</param>
public sealed class PopularityRecommender(bool filterPromptItems = false) : IRecommender
{
    private int[]? _ranking;

    /// <inheritdoc />
    public string Name => filterPromptItems ? "Popularity (prompt items filtered)" : "Popularity";

    /// <inheritdoc />
    public Task FitAsync(TrainingSet training, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var counts = training.ItemCounts();
        _ranking = Enumerable.Range(0, counts.Length)
            .Where(i => counts[i] > 0)
            .OrderByDescending(i => counts[i])
            .ThenBy(i => i)
            .ToArray();
        progress?.Report(new FitProgress("counted items", 1));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IReadOnlyList<int[]> Recommend(IReadOnlyList<int[]> prompts, int topK, CancellationToken cancellationToken = default)
    {
        var ranking = _ranking ?? throw new InvalidOperationException("call FitAsync before Recommend");
        var result = new int[prompts.Count][];
        for (var p = 0; p < prompts.Count; p++)
        {
            result[p] = filterPromptItems ? Filtered(ranking, prompts[p], topK) : ranking.AsSpan(0, Math.Min(topK, ranking.Length)).ToArray();
        }

        return result;
    }

    private static int[] Filtered(int[] ranking, int[] prompt, int topK)
    {
        var seen = new HashSet<int>(prompt);
        var slate = new List<int>(topK);
        foreach (var item in ranking)
        {
            if (slate.Count == topK)
            {
                break;
            }

            if (!seen.Contains(item))
            {
                slate.Add(item);
            }
        }

        return slate.ToArray();
    }
}
