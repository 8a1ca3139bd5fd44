using TorchSharp;

namespace LlmSeqRec.Embeddings.Reduction;

/// <summary>
/// PCA as sklearn computes it: centre the columns, take the top principal axes, project. The axes come from an
/// eigen-decomposition of the covariance in float64 (torch.linalg.eigh); each axis's sign is fixed so that its
/// largest-magnitude entry is positive, which makes the output deterministic.
/// </summary>
/// <param name="components">Number of components kept.</param>
public sealed class PcaReducer(int components) : IDimensionReducer
{
    /// <inheritdoc />
    public string Name => $"pca{components}";

    /// <summary>Variance explained by each kept component (fitted), largest first.</summary>
    public double[] ExplainedVariance { get; private set; } = [];

    /// <summary>Share of the total variance explained by each kept component (fitted).</summary>
    public double[] ExplainedVarianceRatio { get; private set; } = [];

    /// <inheritdoc />
    public torch.Tensor FitTransform(torch.Tensor items)
    {
        var (rows, dims) = ((int)items.shape[0], (int)items.shape[1]);
        if (components < 1 || components > Math.Min(rows, dims))
        {
            throw new ArgumentException($"PCA to {components} components needs 1..{Math.Min(rows, dims)} (matrix {rows} x {dims})");
        }

        using var scope = torch.NewDisposeScope();
        var x = items.to(torch.float64);
        var centred = x - x.mean([0], keepdim: true);
        var covariance = centred.t().mm(centred) / Math.Max(1, rows - 1);
        var (values, vectors) = torch.linalg.eigh(covariance);

        // eigh sorts ascending: take the last `components` columns, largest first.
        var order = torch.arange(dims - 1, dims - 1 - components, -1, dtype: torch.int64);
        var axes = vectors.index_select(1, order);
        var kept = values.index_select(0, order).clamp_min(0);
        var signs = axes.gather(0, axes.abs().argmax(0, keepdim: true)).sign();
        axes = axes * signs.where(signs != 0, torch.ones_like(signs));

        ExplainedVariance = kept.data<double>().ToArray();
        var total = values.clamp_min(0).sum().item<double>();
        ExplainedVarianceRatio = ExplainedVariance.Select(v => total > 0 ? v / total : 0).ToArray();
        return centred.mm(axes).to(torch.float32).MoveToOuterDisposeScope();
    }
}
