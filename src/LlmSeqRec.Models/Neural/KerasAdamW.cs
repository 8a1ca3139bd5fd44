using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// The optimiser of the papers' Keras code (<c>tf.keras.optimizers.experimental.AdamW</c>): decoupled weight decay
/// p ← p − lr·wd·p first, then m ← m + (g − m)(1 − β₁), v ← v + (g² − v)(1 − β₂) and
/// p ← p − α·m / (√v + ε) with α = lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ). Unlike PyTorch's AdamW, ε is added to √v before the bias
/// correction (Keras' form). On the CPU a step makes two SIMD sweeps and libtorch's square root per parameter
/// (<see cref="KerasAdamWSweep"/>, the same numbers as the libtorch ops used elsewhere).
/// </summary>
public sealed class KerasAdamW : IDisposable
{
    private const string StateFormat = "llmseqrec.keras-adamw/1";
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;
    private readonly double _learningRate;
    private readonly double _weightDecay;
    private readonly double _epsilon;
    private readonly double _beta1;
    private readonly double _beta2;

    /// <param name="parameters">The parameters to update (their gradients are read at each step).</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="weightDecay">wd (0 for none).</param>
    /// <param name="epsilon">ε (Keras' default 1e-7).</param>
    /// <param name="beta1">β₁.</param>
    /// <param name="beta2">β₂.</param>
    public KerasAdamW(IEnumerable<Parameter> parameters, double learningRate, double weightDecay, double epsilon = 1e-7, double beta1 = 0.9, double beta2 = 0.999)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
        (_learningRate, _weightDecay, _epsilon, _beta1, _beta2) = (learningRate, weightDecay, epsilon, beta1, beta2);
        using var _ = no_grad();
        _m = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _v = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
    }

    /// <summary>Steps taken (t).</summary>
    public long Steps { get; private set; }

    /// <summary>Sets every gradient to zero (in place).</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        Steps++;
        var alpha = _learningRate * Math.Sqrt(1 - Math.Pow(_beta2, Steps)) / (1 - Math.Pow(_beta1, Steps));
        using var _ = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].grad is not { } gradient)
            {
                continue;
            }

            var parameter = _parameters[i];
            if (KerasAdamWSweep.Applies(parameter, gradient, _m[i], _v[i]))
            {
                var decay = _weightDecay > 0 ? 1 - (_learningRate * _weightDecay) : 1;
                KerasAdamWSweep.Update(parameter, gradient, _m[i], _v[i], decay, _beta1, _beta2, _epsilon, alpha);
                continue;
            }

            if (_weightDecay > 0)
            {
                parameter.mul_(1 - (_learningRate * _weightDecay));
            }

            _m[i].lerp_(gradient, 1 - _beta1);
            _v[i].mul_(_beta2).addcmul_(gradient, gradient, 1 - _beta2);
            using var denominator = _v[i].sqrt().add_(_epsilon);
            parameter.addcdiv_(_m[i], denominator, -alpha);
        }
    }

    /// <summary>Writes the step count and the moments (for checkpoints).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StateFormat);
        writer.Write(Steps);
        writer.Write(_parameters.Length);
        foreach (var moment in _m.Concat(_v))
        {
            var values = moment.cpu().data<float>().ToArray();
            writer.Write(values.Length);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote for the same parameters.</summary>
    /// <exception cref="InvalidDataException">The state is of another format or of other parameters.</exception>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadString() != StateFormat)
        {
            throw new InvalidDataException($"the optimiser state is not {StateFormat} (a checkpoint of an older version: delete it)");
        }

        var steps = reader.ReadInt64();
        if (reader.ReadInt32() != _parameters.Length)
        {
            throw new InvalidDataException("the optimiser state belongs to another model");
        }

        using var _ = no_grad();
        foreach (var moment in _m.Concat(_v))
        {
            var count = reader.ReadInt32();
            if (count != moment.numel())
            {
                throw new InvalidDataException($"the optimiser state holds {count} values where the model has {moment.numel()}");
            }

            var values = new float[count];
            reader.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            using var loaded = tensor(values, moment.shape);
            moment.copy_(loaded);
        }

        Steps = steps;
    }

    /// <summary>Releases the moments.</summary>
    public void Dispose()
    {
        foreach (var moment in _m.Concat(_v))
        {
            moment.Dispose();
        }
    }
}
