using System.Numerics;
using System.Runtime.InteropServices;
using LlmSeqRec.Models.Similarity;

namespace LlmSeqRec.Models.Knn;

/// <summary>
/// SKNNEmb's neighbours (Boz et al. 2024): the candidates are sampled as in SKNN (sessions sharing an item with the
/// prompt), but each is compared with the prompt by LLM session embeddings: the prompt's embedding (its own
/// combination and decay) against the train session's embedding (precomputed at fit with the train-side combination
/// and decay), by dot product, cosine or 1 / (1 + Euclidean distance).
/// </summary>
public sealed class SessionEmbeddingNeighbours : INeighbourSource
{
    private readonly CandidateSampler _sampler;
    private readonly SessionEmbedder _promptSide;
    private readonly Similarity.SimilarityMeasure _similarity;
    private readonly float[] _sessionVectors;
    private readonly float[] _sessionNorms;
    private readonly int _dimensions;

    /// <param name="index">The train sessions.</param>
    /// <param name="sampler">Draws the candidates.</param>
    /// <param name="promptSide">Embeds a prompt.</param>
    /// <param name="trainSide">Embeds a train session (all its items, in order).</param>
    /// <param name="similarity">How the two embeddings are compared.</param>
    public SessionEmbeddingNeighbours(SessionIndex index, CandidateSampler sampler, SessionEmbedder promptSide, SessionEmbedder trainSide, Similarity.SimilarityMeasure similarity)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(promptSide);
        ArgumentNullException.ThrowIfNull(trainSide);
        if (promptSide.Dimensions != trainSide.Dimensions)
        {
            throw new ArgumentException($"prompt-side vectors have {promptSide.Dimensions} dimensions, train-side {trainSide.Dimensions}");
        }

        (_sampler, _promptSide, _similarity, _dimensions) = (sampler, promptSide, similarity, promptSide.Dimensions);
        _sessionVectors = new float[index.SessionCount * _dimensions];
        _sessionNorms = new float[index.SessionCount];
        for (var s = 0; s < index.SessionCount; s++)
        {
            var row = _sessionVectors.AsSpan(s * _dimensions, _dimensions);
            trainSide.Embed(index.SequenceOf(s), row);
            _sessionNorms[s] = MathF.Sqrt(Dot(row, row));
        }
    }

    /// <inheritdoc />
    public void FindCandidates(KnnPrompt prompt, KnnWorkspace workspace, List<Neighbour> candidates)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(candidates);
        var sessions = workspace.Sessions;
        _sampler.Sample(prompt, workspace, sessions);
        if (sessions.Count == 0)
        {
            return;
        }

        Span<float> query = _dimensions <= 4096 ? stackalloc float[_dimensions] : new float[_dimensions];
        _promptSide.Embed(prompt.Items, query);
        var queryNormSquared = Dot(query, query);
        var queryNorm = MathF.Sqrt(queryNormSquared);
        foreach (var session in sessions)
        {
            var row = _sessionVectors.AsSpan(session * _dimensions, _dimensions);
            var dot = Dot(query, row);
            var norm = _sessionNorms[session];
            double similarity = _similarity switch
            {
                Similarity.SimilarityMeasure.Dot => dot,
                Similarity.SimilarityMeasure.Cosine => queryNorm > 0 && norm > 0 ? dot / (queryNorm * norm) : 0,
                _ => 1 / (1 + MathF.Sqrt(MathF.Max(0, queryNormSquared + (norm * norm) - (2 * dot)))),
            };
            candidates.Add(new Neighbour(session, similarity));
        }

    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        for (var i = 0; i < va.Length; i++)
        {
            sum += va[i] * vb[i];
        }

        var total = Vector.Sum(sum);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}
