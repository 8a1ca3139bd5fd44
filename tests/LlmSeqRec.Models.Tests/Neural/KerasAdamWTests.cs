using LlmSeqRec.Models.Neural;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Tests.Neural;

public class KerasAdamWTests
{
    // Keras' update written out in double precision for one scalar parameter.
    private static double[] KerasReference(double start, double[] gradients, double lr, double wd, double eps)
    {
        var (p, m, v) = (start, 0.0, 0.0);
        var trajectory = new double[gradients.Length];
        for (var t = 1; t <= gradients.Length; t++)
        {
            var g = gradients[t - 1];
            p -= p * wd * lr;
            m += (g - m) * (1 - 0.9);
            v += ((g * g) - v) * (1 - 0.999);
            var alpha = lr * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
            p -= m * alpha / (Math.Sqrt(v) + eps);
            trajectory[t - 1] = p;
        }

        return trajectory;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    public void The_cpu_sweeps_give_the_numbers_of_libtorchs_ops_bit_for_bit(double weightDecay)
    {
        // 150,001 values: three blocks of the sweep (the last partial) and a tail shorter than a vector; 37: tail only.
        var random = new Random(7);
        float[] Values(int count, double scale) => [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * scale))];
        const double lr = 0.003;
        foreach (var count in new[] { 150_001, 37 })
        {
            var start = Values(count, 2);
            using var parameter = new Parameter(tensor(start));
            using var expected = tensor(start);
            using var m = zeros(count);
            using var v = zeros(count);
            using var optimizer = new KerasAdamW([parameter], learningRate: lr, weightDecay: weightDecay);
            for (var t = 1; t <= 4; t++)
            {
                using var gradient = tensor(Values(count, 0.02 * t));
                optimizer.ZeroGrad();
                parameter.grad = gradient.clone();
                optimizer.Step();

                // The libtorch ops the sweeps replace.
                var alpha = lr * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
                if (weightDecay > 0)
                {
                    expected.mul_(1 - (lr * weightDecay));
                }

                m.lerp_(gradient, 1 - 0.9);
                v.mul_(0.999).addcmul_(gradient, gradient, 1 - 0.999);
                using var denominator = v.sqrt().add_(1e-7);
                expected.addcdiv_(m, denominator, -alpha);

                var differing = expected.data<float>().ToArray().Zip(parameter.data<float>().ToArray()).Count(pair => BitConverter.SingleToInt32Bits(pair.First) != BitConverter.SingleToInt32Bits(pair.Second));
                Assert.True(differing == 0, $"{count} values, step {t}: {differing} differ");
            }
        }
    }

    [Fact]
    public void Steps_follow_the_keras_update_with_weight_decay_and_epsilon_on_the_root()
    {
        double[] gradients = [0.5, -0.2, 1e-6, 3, -1];
        using var parameter = new Parameter(tensor(new[] { 2f }));
        using var optimizer = new KerasAdamW([parameter], learningRate: 0.01, weightDecay: 0.1, epsilon: 1e-3);

        var trajectory = new List<double>();
        foreach (var g in gradients)
        {
            optimizer.ZeroGrad();
            parameter.grad = tensor(new[] { (float)g });
            optimizer.Step();
            trajectory.Add(parameter.data<float>()[0]);
        }

        var expected = KerasReference(2, gradients, 0.01, 0.1, 1e-3);
        Assert.Equal(expected.Length, trajectory.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], trajectory[i], 5);
        }

        Assert.Equal(5, optimizer.Steps);
    }

    [Fact]
    public void Saved_state_continues_exactly_and_a_foreign_state_is_refused()
    {
        using var a = new Parameter(tensor(new[] { 1f, -1f }));
        using var b = new Parameter(tensor(new[] { 1f, -1f }));
        using var first = new KerasAdamW([a], 0.05, 0);
        using var second = new KerasAdamW([b], 0.05, 0);
        a.grad = tensor(new[] { 0.3f, -0.7f });
        first.Step();
        using var stream = new MemoryStream();
        first.Save(new BinaryWriter(stream));
        stream.Position = 0;
        using (no_grad())
        {
            b.copy_(a);
        }

        second.Load(new BinaryReader(stream));
        a.grad = tensor(new[] { -0.1f, 0.2f });
        b.grad = tensor(new[] { -0.1f, 0.2f });
        first.Step();
        second.Step();

        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.Throws<InvalidDataException>(() => second.Load(new BinaryReader(new MemoryStream([3, 120, 121, 122]))));
    }
}
