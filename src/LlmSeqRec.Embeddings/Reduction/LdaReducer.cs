using TorchSharp;

namespace LlmSeqRec.Embeddings.Reduction;

/// <summary>
/// Linear discriminant analysis as sklearn's LinearDiscriminantAnalysis with the default "svd" solver: whiten the
/// within-class scatter by an SVD of the class-centred data, then find the directions that separate the class
/// means. The output dimension is capped at min(requested, classes - 1), as the papers' code does.
/// </summary>
/// <param name="components">Requested output dimension.</param>
/// <param name="labels">Class label of every row (any integers).</param>
public sealed class LdaReducer(int components, IReadOnlyList<int> labels) : IDimensionReducer
{
    private const double Tolerance = 1e-4;

    /// <inheritdoc />
    public string Name => $"lda{components}";

    /// <summary>The dimension actually produced (after the cap), once fitted.</summary>
    public int OutputDimensions { get; private set; }

    /// <inheritdoc />
    public torch.Tensor FitTransform(torch.Tensor items)
    {
        var rows = (int)items.shape[0];
        if (labels.Count != rows)
        {
            throw new ArgumentException($"LDA got {labels.Count} labels for {rows} rows");
        }

        var classOf = labels.Distinct().Order().Select((label, index) => (label, index)).ToDictionary(p => p.label, p => p.index);
        var classes = classOf.Count;
        if (classes < 2 || rows <= classes)
        {
            throw new ArgumentException($"LDA needs at least 2 classes and more rows than classes (got {classes} classes over {rows} rows)");
        }

        using var scope = torch.NewDisposeScope();
        var x = items.to(torch.float64);
        var y = torch.tensor(labels.Select(l => (long)classOf[l]).ToArray());
        var counts = torch.zeros(classes, dtype: torch.float64).index_add(0, y, torch.ones(rows, dtype: torch.float64), alpha: 1);
        var means = torch.zeros([classes, x.shape[1]], dtype: torch.float64).index_add(0, y, x, alpha: 1) / counts.unsqueeze(1);
        var priors = counts / rows;

        // Within-class part: scale the class-centred data and take its SVD.
        var centred = x - means.index_select(0, y);
        var xbar = priors.unsqueeze(0).mm(means);
        var std = centred.std(0, unbiased: false);
        std = std.where(std != 0, torch.ones_like(std));
        var scaled = Math.Sqrt(1.0 / (rows - classes)) * (centred / std);
        var (_, s, vt) = torch.linalg.svd(scaled, fullMatrices: false);
        var rank = (int)(s > Tolerance).sum().item<long>();
        if (rank == 0)
        {
            throw new ArgumentException("LDA: the within-class scatter is zero (every row equals its class mean)");
        }

        var scalings = (vt[..rank] / std).t() / s[..rank];

        // Between-class part: SVD of the scaled class means in the whitened space.
        var between = (torch.sqrt(rows * priors / (classes - 1)).unsqueeze(1) * (means - xbar)).mm(scalings);
        var (_, s2, vt2) = torch.linalg.svd(between, fullMatrices: false);
        var rank2 = (int)(s2 > Tolerance * s2[0]).sum().item<long>();
        OutputDimensions = Math.Max(1, Math.Min(Math.Min(components, classes - 1), rank2));
        scalings = scalings.mm(vt2.t()[.., ..OutputDimensions]);
        return (x - xbar).mm(scalings).to(torch.float32).MoveToOuterDisposeScope();
    }
}
