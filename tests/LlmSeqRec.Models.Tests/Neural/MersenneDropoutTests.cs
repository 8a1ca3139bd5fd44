using LlmSeqRec.Models.Neural;
using LlmSeqRec.Tensors;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Tests.Neural;

/// <summary>The C# dropout mask against libtorch's own dropout and generator.</summary>
[Collection(TorchRandomness.Name)]
public class MersenneDropoutTests
{
    public static TheoryData<long[], double, int> Cases => new()
    {
        { [128, 20, 32], 0.3, 0 },   // 163,840 engine outputs: 262 regenerations of the state
        { [7, 13], 0.5, 1 },          // after an odd number of draws: element pairs straddle the state's ends
        { [1001], 0.1, 623 },
        { [3, 5, 7], 0.45, 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_libtorchs_dropout_bit_for_bit_and_leaves_the_generator_where_libtorch_would(long[] shape, double p, int drawnBefore)
    {
        TorchRuntime.Seed(11);
        using var input = randn(shape).requires_grad_();
        using var before = rand(drawnBefore, dtype: ScalarType.Float64);
        using var state = get_rng_state();

        using var expected = nn.functional.dropout(input, p, training: true);
        using var expectedNext = rand(3, dtype: ScalarType.Float64);
        var expectedGradient = GradientOf(input, expected);

        set_rng_state(state);
        using var dropout = new MersenneDropout(p);
        dropout.train();
        using var actual = dropout.call(input);
        using var actualNext = rand(3, dtype: ScalarType.Float64);
        var actualGradient = GradientOf(input, actual);

        Assert.Equal(Bits(expected), Bits(actual));
        Assert.Equal(Bits(expectedNext), Bits(actualNext));
        Assert.Equal(expectedGradient, actualGradient);
        var dropped = actual.eq(0).to_type(ScalarType.Float64).mean().item<double>();
        Assert.InRange(dropped, p - 0.1, p + 0.1);
    }

    [Fact]
    public void Passes_the_input_through_outside_training_and_at_p_0_drawing_nothing()
    {
        TorchRuntime.Seed(3);
        using var input = randn(4, 6);
        using var state = get_rng_state();
        using var idle = new MersenneDropout(0.4);
        idle.eval();
        using var none = new MersenneDropout(0);
        none.train();

        using var evaluated = idle.call(input);
        using var unchanged = none.call(input);
        using var next = get_rng_state();

        Assert.Equal(Bits(input), Bits(evaluated));
        Assert.Equal(Bits(input), Bits(unchanged));
        Assert.True(state.equal(next).all().item<bool>());
    }

    [Fact]
    public void The_engine_is_mt19937_seeded_as_libtorch_seeds_it()
    {
        // The C++ standard's check of std::mt19937 (default seed 5489): its 10,000th output is 4123659995.
        TorchRuntime.Seed(5489);
        using var engine = TorchCpuRandomEngine.TryReadDefault();
        Assert.NotNull(engine);
        var words = new uint[10_000];
        engine.NextWords(words.AsSpan(0, 1));
        engine.NextWords(words.AsSpan(1, 4_999));
        engine.NextWords(words.AsSpan(5_000));

        Assert.Equal(3499211612u, words[0]);
        Assert.Equal(4123659995u, words[^1]);
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.25, 3)]
    public void Bernoulli_draws_and_the_state_written_back_match_libtorchs_uniform_doubles(double probability, int drawnBefore)
    {
        // torch.rand in float64 turns the same pairs of outputs into the same doubles as bernoulli_ on every CPU
        // (bernoulli_ itself takes MKL's generator on Intel CPUs), so this checks the engine wherever the tests run.
        TorchRuntime.Seed(29);
        using var before = rand(drawnBefore, dtype: ScalarType.Float64);
        using var state = get_rng_state();
        using var uniform = rand(2_500, dtype: ScalarType.Float64);
        using var expectedNext = rand(2, dtype: ScalarType.Float64);

        set_rng_state(state);
        var draws = new float[2_500];
        using (var engine = TorchCpuRandomEngine.TryReadDefault())
        {
            Assert.NotNull(engine);
            engine.NextBernoulli(draws, probability);
            engine.WriteBackToDefault();
        }

        using var actualNext = rand(2, dtype: ScalarType.Float64);
        var expected = uniform.data<double>().ToArray().Select(u => u < probability ? 1f : 0f).ToArray();
        Assert.Equal(expected, draws);
        Assert.Equal(Bits(expectedNext), Bits(actualNext));
    }

    private static float[] GradientOf(Tensor input, Tensor output)
    {
        input.grad?.zero_();
        using var weights = arange(output.numel(), dtype: ScalarType.Float32).reshape(output.shape);
        output.mul(weights).sum().backward();
        return input.grad!.data<float>().ToArray();
    }

    private static long[] Bits(Tensor values) =>
        values.dtype == ScalarType.Float64
            ? [.. values.data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits)]
            : [.. values.detach().data<float>().ToArray().Select(v => (long)BitConverter.SingleToInt32Bits(v))];
}
