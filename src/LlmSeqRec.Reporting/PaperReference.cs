namespace LlmSeqRec.Reporting;

/// <summary>
/// The papers' Amazon Beauty numbers, to show beside ours. All rows of P1's Beauty table (the authors' computed
/// output on the 4,469 test cases, all twelve metrics) and, for LLM2SASRec and LLM2GRU4Rec, which that table lacks,
/// P1's online material (NDCG and HitRate at 10 and 20, three decimals). A model of ours matches a row by its name
/// without the preset ("vsknn:p1" and "vsknn:p2" both match V-SKNN): the papers' numbers are for their P1
/// configurations.
/// </summary>
public static class PaperReference
{
    /// <summary>The dataset name that turns the comparison on by default.</summary>
    public const string BeautyDatasetName = "amazon-beauty";

    private const string Table = "P1 Beauty table (RecSys 2023)";
    private const string OnlineMaterial = "P1 online material (RecSys 2023)";

    private static readonly string[] FullMetrics =
    [
        "NDCG@10", "HitRate@10", "MRR@10", "CatalogCoverage@10", "Serendipity@10", "Novelty@10",
        "NDCG@20", "HitRate@20", "MRR@20", "CatalogCoverage@20", "Serendipity@20", "Novelty@20",
    ];

    private static readonly string[] AccuracyMetrics = ["NDCG@10", "HitRate@10", "NDCG@20", "HitRate@20"];

    /// <summary>The rows, in the paper's order.</summary>
    public static IReadOnlyList<PaperResult> Beauty { get; } =
    [
        Row("llm2bert4rec", "LLM2BERT4Rec", Table, FullMetrics,
            0.040789, 0.076080, 0.030123, 0.180150, 0.072052, 11.687530, 0.051216, 0.117700, 0.032933, 0.259731, 0.109868, 11.888101),
        Row("llmseqsim", "LLMSeqSim (last-item embedding, dot, ada-002 1536-d)", Table, FullMetrics,
            0.043951, 0.063101, 0.038004, 0.762664, 0.062878, 13.819031, 0.047974, 0.079212, 0.039081, 0.888770, 0.078989, 13.857696),
        Row("vsknn", "V-SKNN", Table, FullMetrics,
            0.041488, 0.070933, 0.032601, 0.672672, 0.068919, 12.240720, 0.047453, 0.094652, 0.034223, 0.889017, 0.090624, 12.492262),
        Row("bert4rec", "BERT4Rec", Table, FullMetrics,
            0.033911, 0.066682, 0.024114, 0.231138, 0.064444, 12.293144, 0.043007, 0.102708, 0.026603, 0.311792, 0.097561, 12.422634),
        Row("sasrec", "SASRec", Table, FullMetrics,
            0.027618, 0.053032, 0.019911, 0.185687, 0.050571, 11.758696, 0.034563, 0.080779, 0.021780, 0.265763, 0.074290, 11.930004),
        Row("gru4rec", "GRU4Rec", Table, FullMetrics,
            0.025971, 0.050347, 0.018714, 0.164862, 0.047214, 11.482907, 0.033782, 0.081226, 0.020859, 0.242790, 0.074290, 11.635967),
        Row("llmseqprompt", "LLMSeqPrompt (fine-tuned ada, temperature 0.5, top_p 1)", Table, FullMetrics,
            0.023717, 0.045872, 0.017009, 0.425006, 0.044977, 12.504886, 0.029545, 0.069143, 0.018580, 0.661102, 0.066458, 13.006879),
        Row("popularity", "Popularity", Table, FullMetrics,
            0.004515, 0.010293, 0.002810, 0.000826, 0.001119, 9.187262, 0.006359, 0.017677, 0.003304, 0.001653, 0.001343, 9.408061),
        Row("llm2sasrec", "LLM2SASRec", OnlineMaterial, AccuracyMetrics, 0.033, 0.067, 0.044, 0.110),
        Row("llm2gru4rec", "LLM2GRU4Rec", OnlineMaterial, AccuracyMetrics, 0.028, 0.056, 0.037, 0.089),
    ];

    /// <summary>True when <paramref name="datasetName"/> (or the last segment of a path given as the name) is "amazon-beauty", in any case.</summary>
    public static bool IsBeauty(string? datasetName)
    {
        var name = (datasetName ?? "").Trim().TrimEnd('/', '\\');
        var slash = name.LastIndexOfAny(['/', '\\']);
        return string.Equals(slash < 0 ? name : name[(slash + 1)..], BeautyDatasetName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The paper's row for a model of ours ("name" or "name:preset"), or null when the paper has none.</summary>
    public static PaperResult? For(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var colon = model.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? model : model[..colon]).Trim();
        return Beauty.FirstOrDefault(r => string.Equals(r.Model, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The paper's value of <paramref name="metric"/> for <paramref name="model"/>, or null.</summary>
    public static double? Value(string model, string metric) =>
        For(model) is { } row && row.Metrics.TryGetValue(metric, out var value) ? value : null;

    private static PaperResult Row(string model, string paperModel, string source, string[] metrics, params double[] values)
    {
        if (values.Length != metrics.Length)
        {
            throw new InvalidOperationException($"{model}: {values.Length} values for {metrics.Length} metrics");
        }

        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < metrics.Length; i++)
        {
            map[metrics[i]] = values[i];
        }

        return new PaperResult(model, paperModel, source, map);
    }
}
