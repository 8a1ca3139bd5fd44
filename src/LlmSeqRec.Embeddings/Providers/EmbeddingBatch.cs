using System.Text;

namespace LlmSeqRec.Embeddings.Providers;

/// <summary>A run of consecutive texts sent in one request: indexes <see cref="Start"/> to <see cref="Last"/>.</summary>
internal readonly record struct EmbeddingBatch(int Start, int Count)
{
    /// <summary>Index of the batch's last text.</summary>
    public int Last => Start + Count - 1;

    /// <summary>
    /// Cuts <paramref name="texts"/> into consecutive batches of at most <paramref name="maxInputs"/> texts and at
    /// most <paramref name="maxTokens"/> estimated tokens (a text over the budget goes alone).
    /// </summary>
    public static List<EmbeddingBatch> Plan(IReadOnlyList<string> texts, int maxInputs, int? maxTokens)
    {
        var batches = new List<EmbeddingBatch>();
        var start = 0;
        long tokens = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var estimate = EstimateTokens(texts[i]);
            var count = i - start;
            if (count > 0 && (count == maxInputs || (maxTokens is { } budget && tokens + estimate > budget)))
            {
                batches.Add(new EmbeddingBatch(start, count));
                start = i;
                tokens = 0;
            }

            tokens += estimate;
        }

        if (texts.Count > start)
        {
            batches.Add(new EmbeddingBatch(start, texts.Count - start));
        }

        return batches;
    }

    /// <summary>
    /// A conservative token count: the UTF-8 byte count. Byte-level BPE tokenizers (cl100k_base, used by the
    /// OpenAI embedding models) never make a token of less than one byte, so this never underestimates.
    /// </summary>
    public static int EstimateTokens(string text) => Encoding.UTF8.GetByteCount(text);
}
