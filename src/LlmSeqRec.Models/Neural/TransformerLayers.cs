using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>A transformer layer that can compute its output at some positions only (the last layer of a stack).</summary>
public interface IPositionSelectiveLayer
{
    /// <summary>Batch × N × emb in; the output rows at the flat positions (row · N + position; null for all): positions × emb.</summary>
    Tensor ForwardAt(Tensor input, Tensor? positions);
}

/// <summary>
/// Runs SASRec's and BERT4Rec's layer stacks: every layer on all positions except the last, which computes only the
/// rows that are asked for (attention still reads every position).
/// </summary>
public static class TransformerLayers
{
    /// <summary>The rows of a batch × N × emb tensor at flat positions (all rows for null): positions × emb.</summary>
    public static Tensor Rows(Tensor input, Tensor? positions)
    {
        ArgumentNullException.ThrowIfNull(input);
        var flat = input.reshape(-1, input.shape[^1]);
        return positions is null ? flat : flat.index_select(0, positions);
    }

    /// <summary>The stack's output at <paramref name="positions"/> (null for all): positions × emb.</summary>
    public static Tensor RunAt<TLayer>(Tensor input, IList<TLayer> layers, Tensor? positions)
        where TLayer : nn.Module<Tensor, Tensor>, IPositionSelectiveLayer
    {
        ArgumentNullException.ThrowIfNull(layers);
        var x = input;
        for (var layer = 0; layer < layers.Count - 1; layer++)
        {
            x = layers[layer].call(x);
        }

        return layers.Count == 0 ? Rows(x, positions) : layers[^1].ForwardAt(x, positions);
    }
}
