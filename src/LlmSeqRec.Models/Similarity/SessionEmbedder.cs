namespace LlmSeqRec.Models.Similarity;

/// <summary>Turns a prompt (item indexes in time order) into one vector from the item embedding matrix.</summary>
/// <param name="items">Item vectors, row-major, one row per catalog item.</param>
/// <param name="dimensions">Vector length.</param>
/// <param name="combination">Last item or weighted mean.</param>
/// <param name="decay">Weights of the mean (ignored for <see cref="SessionCombination.Last"/>).</param>
public sealed class SessionEmbedder(float[] items, int dimensions, SessionCombination combination, SessionDecay decay = SessionDecay.None)
{
    /// <summary>Vector length.</summary>
    public int Dimensions => dimensions;

    /// <summary>Writes the session embedding of <paramref name="prompt"/> into <paramref name="output"/> (zero for an empty prompt).</summary>
    public void Embed(ReadOnlySpan<int> prompt, Span<float> output)
    {
        if (output.Length != dimensions)
        {
            throw new ArgumentException($"output has {output.Length} values, not {dimensions}", nameof(output));
        }

        output.Clear();
        if (prompt.IsEmpty)
        {
            return;
        }

        if (combination == SessionCombination.Last)
        {
            items.AsSpan(prompt[^1] * dimensions, dimensions).CopyTo(output);
            return;
        }

        Span<double> sum = dimensions <= 2048 ? stackalloc double[dimensions] : new double[dimensions];
        sum.Clear();
        double totalWeight = 0;
        for (var j = 0; j < prompt.Length; j++)
        {
            var weight = decay.Weight(prompt.Length - j, prompt.Length);
            totalWeight += weight;
            var row = items.AsSpan(prompt[j] * dimensions, dimensions);
            for (var d = 0; d < dimensions; d++)
            {
                sum[d] += weight * row[d];
            }
        }

        for (var d = 0; d < dimensions; d++)
        {
            output[d] = (float)(sum[d] / totalWeight);
        }
    }

    /// <summary>The session embeddings of <paramref name="count"/> prompts from <paramref name="start"/>, row-major.</summary>
    public float[] EmbedBatch(IReadOnlyList<int[]> prompts, int start, int count)
    {
        var result = new float[count * dimensions];
        for (var p = 0; p < count; p++)
        {
            Embed(prompts[start + p], result.AsSpan(p * dimensions, dimensions));
        }

        return result;
    }
}
