namespace LlmSeqRec.Models.Knn;

/// <summary>
/// A prompt as the kNN models see it: its trained items, each once (first occurrence kept, time order), with the
/// position-decay weight of each (the last item has distance 1 from the end).
/// </summary>
/// <param name="Items">Distinct trained items in order of first occurrence.</param>
/// <param name="Weights">The decay weight of each item, aligned with <paramref name="Items"/>.</param>
public sealed record KnnPrompt(int[] Items, double[] Weights)
{
    /// <summary>Number of items.</summary>
    public int Count => Items.Length;

    /// <summary>Whether no item of the prompt was seen in training.</summary>
    public bool IsEmpty => Items.Length == 0;

    /// <summary>The Euclidean norm of the weight vector.</summary>
    public double Norm
    {
        get
        {
            var sum = 0.0;
            foreach (var w in Weights)
            {
                sum += w * w;
            }

            return Math.Sqrt(sum);
        }
    }

    /// <summary>
    /// The kNN view of <paramref name="prompt"/> (dense item indexes in time order), as the papers' code builds it:
    /// keep the last <paramref name="lastNItems"/> items if set, then drop repeats (keeping the first occurrence) and
    /// items not in any train session, then weigh position j of the remaining L items by the decay at distance L − j.
    /// </summary>
    public static KnnPrompt From(ReadOnlySpan<int> prompt, SessionIndex index, PositionDecay decay, int? lastNItems = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (lastNItems is { } n && prompt.Length > n)
        {
            prompt = prompt[^n..];
        }

        var items = new List<int>(prompt.Length);
        foreach (var item in prompt)
        {
            if (index.IsTrained(item) && !items.Contains(item))
            {
                items.Add(item);
            }
        }

        var weights = new double[items.Count];
        for (var j = 0; j < weights.Length; j++)
        {
            weights[j] = decay.Weight(weights.Length - j);
        }

        return new KnnPrompt([.. items], weights);
    }
}
