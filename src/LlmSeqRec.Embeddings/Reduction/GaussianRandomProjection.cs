using TorchSharp;

namespace LlmSeqRec.Embeddings.Reduction;

/// <summary>
/// Gaussian random projection as sklearn's GaussianRandomProjection: multiply by a dims × d matrix whose entries are
/// drawn from N(0, 1/d). Unlike the papers' code, the matrix is seeded, so runs are repeatable.
/// </summary>
/// <param name="components">Output dimension d.</param>
/// <param name="seed">Seed of the projection matrix.</param>
public sealed class GaussianRandomProjection(int components, int seed) : IDimensionReducer
{
    /// <inheritdoc />
    public string Name => $"random{components}";

    /// <inheritdoc />
    public torch.Tensor FitTransform(torch.Tensor items)
    {
        if (components < 1)
        {
            throw new ArgumentException($"random projection to {components} dimensions");
        }

        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator((ulong)seed);
        var projection = torch.randn([items.shape[1], components], dtype: torch.float32, generator: generator) / Math.Sqrt(components);
        return items.to(torch.float32).mm(projection).MoveToOuterDisposeScope();
    }
}
