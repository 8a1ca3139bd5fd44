using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// libtorch's CPU random engine (the MT19937 behind torch's default CPU generator, <c>at::mt19937</c>) replayed in C#:
/// it reads the generator's state, draws the very numbers libtorch would draw next, and writes the advanced state
/// back, so draws made here and inside libtorch form one stream. It exists for the draws libtorch makes one number at
/// a time that C# can make a block at a time (<see cref="MersenneDropout"/>).
/// </summary>
/// <remarks>
/// Not atomic with respect to other threads drawing from the default generator between <see cref="TryReadDefault"/>
/// and <see cref="WriteBackToDefault"/>; a training run owns the default generator anyway (it seeds it every epoch).
/// </remarks>
public sealed class TorchCpuRandomEngine : IDisposable
{
    // at::CPUGeneratorImplState as torch.get_rng_state() lays it out (x86-64 and arm64): the seed (u64), left (i32),
    // seeded (i32), next (u64), the 624 state words each widened to u64, then cached normal samples.
    private const int StateBytes = 5056;
    private const int LeftOffset = 8;
    private const int NextOffset = 16;
    private const int WordsOffset = 24;
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;
    private const int BlockElements = 4096;

    private readonly Tensor _state;
    private readonly uint[] _words = new uint[N];

    // at::mt19937's counters: an output first decrements left and twists the state when it reaches 0, then tempers
    // words[next++]. Outputs left before the next twist: left - 1.
    private int _left;
    private int _next;

    private TorchCpuRandomEngine(Tensor state)
    {
        _state = state;
        var bytes = state.bytes;
        _left = BinaryPrimitives.ReadInt32LittleEndian(bytes[LeftOffset..]);
        _next = (int)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(bytes[NextOffset..]), int.MaxValue);
        var wide = MemoryMarshal.Cast<byte, ulong>(bytes.Slice(WordsOffset, N * sizeof(ulong)));
        for (var i = 0; i < N; i++)
        {
            _words[i] = (uint)wide[i];
        }
    }

    /// <summary>
    /// The default CPU generator's engine, or null when its state is not laid out as this replica expects (another
    /// libtorch, a big-endian machine): callers then let libtorch draw.
    /// </summary>
    public static TorchCpuRandomEngine? TryReadDefault()
    {
        var state = get_rng_state();
        if (BitConverter.IsLittleEndian && state.numel() == StateBytes && new TorchCpuRandomEngine(state) is { IsReachable: true } engine)
        {
            return engine;
        }

        state.Dispose();
        return null;
    }

    // Every state the engine reaches: freshly seeded (left 1, next 0) or left + next = 625.
    private bool IsReachable => _left is > 0 and <= N && _next is >= 0 and <= N && (_left == 1 || _left + _next == N + 1);

    /// <summary>Makes the default generator continue after the numbers drawn here.</summary>
    public void WriteBackToDefault()
    {
        var bytes = _state.bytes;
        BinaryPrimitives.WriteInt32LittleEndian(bytes[LeftOffset..], _left);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[NextOffset..], (ulong)_next);
        var wide = MemoryMarshal.Cast<byte, ulong>(bytes.Slice(WordsOffset, N * sizeof(ulong)));
        for (var i = 0; i < N; i++)
        {
            wide[i] = _words[i];
        }

        set_rng_state(_state);
    }

    /// <summary>The next 32-bit outputs, in order (<c>at::mt19937::operator()</c>).</summary>
    public void NextWords(Span<uint> destination)
    {
        while (!destination.IsEmpty)
        {
            if (_left == 1)
            {
                Twist(_words);
                _left = N + 1;
                _next = 0;
            }

            var take = Math.Min(_left - 1, destination.Length);
            Temper(_words.AsSpan(_next, take), destination[..take]);
            _left -= take;
            _next += take;
            destination = destination[take..];
        }
    }

    /// <summary>
    /// libtorch's <c>bernoulli_(probability)</c> on a float tensor, element by element in order: each element takes
    /// two outputs as one 64-bit number (first · 2³² + second), whose low 53 bits over 2⁵³ are a uniform double in
    /// [0, 1); the element is 1 below <paramref name="probability"/>, else 0.
    /// </summary>
    public void NextBernoulli(Span<float> destination, double probability)
    {
        // u = x / 2^53 < p  <=>  x < p * 2^53 (exact: a power-of-two scaling)  <=>  x < ceil(p * 2^53) for an integer x.
        var threshold = (ulong)Math.Ceiling(probability * 9007199254740992.0);
        var words = new uint[2 * Math.Min(BlockElements, destination.Length)];
        while (!destination.IsEmpty)
        {
            var count = Math.Min(BlockElements, destination.Length);
            var block = words.AsSpan(0, 2 * count);
            NextWords(block);
            ToBernoulli(block, destination[..count], threshold);
            destination = destination[count..];
        }
    }

    /// <summary>Releases the copy of the generator's state.</summary>
    public void Dispose() => _state.Dispose();

    private static void ToBernoulli(ReadOnlySpan<uint> words, Span<float> destination, ulong threshold)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var x = ((ulong)(words[2 * i] & 0x1FFFFF) << 32) | words[2 * i + 1];
            destination[i] = (float)((x - threshold) >> 63);   // 1 when x < threshold (both below 2^53)
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Temper(ReadOnlySpan<uint> words, Span<uint> destination)
    {
        var i = 0;
        var b = Vector256.Create(0x9d2c5680u);
        var c = Vector256.Create(0xefc60000u);
        for (; i + 8 <= words.Length; i += 8)
        {
            var y = Vector256.Create(words.Slice(i, 8));
            y ^= y >>> 11;
            y ^= (y << 7) & b;
            y ^= (y << 15) & c;
            y ^= y >>> 18;
            y.CopyTo(destination.Slice(i, 8));
        }

        for (; i < words.Length; i++)
        {
            var y = words[i];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680u;
            y ^= (y << 15) & 0xefc60000u;
            y ^= y >> 18;
            destination[i] = y;
        }
    }

    /// <summary>Regenerates the 624 words: word i from words i, i + 1 and i + 397 (mod 624), the latter already new past 226.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Twist(Span<uint> words)
    {
        var i = 0;
        for (; i + 8 <= N - M; i += 8)
        {
            TwistEight(words, i, i + M);
        }

        for (; i < N - M; i++)
        {
            words[i] = words[i + M] ^ Twisted(words[i], words[i + 1]);
        }

        for (; i + 8 <= N - 1; i += 8)
        {
            TwistEight(words, i, i + M - N);
        }

        for (; i < N - 1; i++)
        {
            words[i] = words[i + M - N] ^ Twisted(words[i], words[i + 1]);
        }

        words[N - 1] = words[M - 1] ^ Twisted(words[N - 1], words[0]);
    }

    // Words i..i+7 read words i..i+8 before any of them is rewritten, and eight words at `far` that are either all
    // old (first part) or all new (second part, 227 places back).
    private static void TwistEight(Span<uint> words, int i, int far)
    {
        var u = Vector256.Create((ReadOnlySpan<uint>)words.Slice(i, 8));
        var v = Vector256.Create((ReadOnlySpan<uint>)words.Slice(i + 1, 8));
        var mixed = ((u & Vector256.Create(UpperMask)) | (v & Vector256.Create(LowerMask))) >>> 1;
        var odd = (Vector256<uint>.Zero - (v & Vector256<uint>.One)) & Vector256.Create(MatrixA);
        (Vector256.Create((ReadOnlySpan<uint>)words.Slice(far, 8)) ^ mixed ^ odd).CopyTo(words.Slice(i, 8));
    }

    private static uint Twisted(uint u, uint v) => (((u & UpperMask) | (v & LowerMask)) >> 1) ^ ((v & 1) != 0 ? MatrixA : 0);
}
