using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// The papers' training loss, full-softmax cross-entropy over a head tied to the item-embedding table
/// (logits = features · tableᵀ + bias), with its gradient written by hand instead of through autograd.
/// </summary>
/// <remarks>
/// The logits matrix (targets × items, 44 MB for a SASRec P1 batch) dominates a training step. Autograd would keep
/// it, its log-softmax and two gradients of the same size; here one buffer becomes the softmax and then the
/// gradient of the logits in place, the table's gradient is accumulated with one in-place matrix product, and
/// autograd only carries the (small) gradient of the features back into the model. The result equals
/// <c>cross_entropy(linear(features, table, bias), targets).backward()</c> up to float rounding.
/// </remarks>
public static class TiedSoftmaxCrossEntropy
{
    /// <summary>The mean loss, as autograd would compute it (for reference and tests).</summary>
    /// <param name="features">Head features at the target positions (targets × emb), part of the autograd graph.</param>
    /// <param name="table">The item-embedding table; its first <paramref name="items"/> rows are the output classes.</param>
    /// <param name="items">Number of output classes (the mask row is excluded).</param>
    /// <param name="bias">Output bias, one per class.</param>
    /// <param name="targets">Target class per row (int64).</param>
    public static Tensor Loss(Tensor features, Tensor table, int items, Tensor bias, Tensor targets) =>
        nn.functional.cross_entropy(nn.functional.linear(features, table.narrow(0, 0, items), bias), targets);

    /// <summary>
    /// Computes the mean loss and accumulates its gradients into <paramref name="table"/>, <paramref name="bias"/> and,
    /// through <paramref name="features"/>' graph, every parameter that produced the features.
    /// </summary>
    /// <returns>The mean cross-entropy of the batch.</returns>
    public static float Backward(Tensor features, Parameter table, int items, Parameter bias, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = NewDisposeScope();
        var count = features.shape[0];
        Tensor gradient, detached;
        float loss;
        using (no_grad())
        {
            detached = features.detach();
            var classes = table.detach().narrow(0, 0, items);
            var column = targets.unsqueeze(1);

            // gradient = (softmax(logits) − onehot(targets)) / count, built in the logits buffer.
            gradient = nn.functional.linear(detached, classes, bias.detach());
            gradient.sub_(gradient.amax([1], keepdim: true));
            var picked = gradient.gather(1, column);
            gradient.exp_();
            var sums = gradient.sum(1, keepdim: true);
            loss = (sums.log() - picked).mean().item<float>();
            gradient.div_(sums);
            gradient.scatter_add_(1, column, full_like(column, -1, dtype: gradient.dtype));
            gradient.div_(count);
        }

        // Autograd takes the features' gradient back through the model; the bias gets its gradient the same way.
        using (var gradFeatures = gradient.mm(table.detach().narrow(0, 0, items)))
        using (var gradBias = gradient.sum([0L]))
        {
            var surrogate = features.mul(gradFeatures).sum().add(bias.mul(gradBias).sum());
            surrogate.backward();
        }

        using (no_grad())
        {
            // The head's share of the table's gradient: gradientᵀ · features, added in place.
            if (table.grad is { } grad)
            {
                grad.narrow(0, 0, items).addmm_(gradient.t(), detached);
            }
            else
            {
                var full = zeros_like(table);
                full.narrow(0, 0, items).addmm_(gradient.t(), detached);
                table.grad = full.DetachFromDisposeScope();
            }
        }

        return loss;
    }
}
