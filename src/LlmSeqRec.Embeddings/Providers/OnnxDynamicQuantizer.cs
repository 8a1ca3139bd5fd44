using Google.Protobuf;
using Onnx;

namespace LlmSeqRec.Embeddings.Providers;

/// <summary>
/// Dynamic int8 quantization of an ONNX model's dense layers, as onnxruntime's <c>quantize_dynamic</c> does it: every
/// MatMul whose second input is a 2-D float32 initializer W [K × N] becomes a com.microsoft DynamicQuantizeMatMul with
/// W quantized symmetrically per output column (scale = max |W[:, n]| / 127, zero point 0); the activations are
/// quantized per call at run time. MatMuls between two activations (attention scores) stay float32.
/// </summary>
public static class OnnxDynamicQuantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>The quantized model, serialized.</summary>
    /// <exception cref="ArgumentException">The bytes are not an ONNX model with a graph.</exception>
    public static byte[] QuantizeMatMulWeights(byte[] model) => QuantizeMatMulWeights(model, out _);

    /// <summary>The quantized model, serialized; <paramref name="quantized"/> counts the MatMuls replaced.</summary>
    public static byte[] QuantizeMatMulWeights(byte[] model, out int quantized)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException($"not an ONNX model: {e.Message}", nameof(model), e);
        }

        var graph = proto.Graph ?? throw new ArgumentException("the ONNX model has no graph", nameof(model));
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        quantized = 0;
        foreach (var node in graph.Node.Where(n => n.OpType == "MatMul" && n.Domain.Length == 0).ToList())
        {
            if (!initializers.TryGetValue(node.Input[1], out var weight) || weight.Dims.Count != 2
                || weight.DataType != (int)TensorProto.Types.DataType.Float || weight.RawData.Length == 0)
            {
                continue;
            }

            var (rows, columns) = ((int)weight.Dims[0], (int)weight.Dims[1]);
            var values = new float[rows * columns];
            Buffer.BlockCopy(weight.RawData.ToByteArray(), 0, values, 0, values.Length * sizeof(float));
            var (codes, scales) = QuantizeColumns(values, rows, columns);

            var prefix = weight.Name;
            graph.Initializer.Add(Tensor($"{prefix}_quantized", TensorProto.Types.DataType.Int8, [rows, columns], codes));
            graph.Initializer.Add(Tensor($"{prefix}_scale", TensorProto.Types.DataType.Float, [columns], AsBytes(scales)));
            graph.Initializer.Add(Tensor($"{prefix}_zero_point", TensorProto.Types.DataType.Int8, [columns], new byte[columns]));
            var activations = node.Input[0];
            node.Input.Clear();
            node.Input.Add([activations, $"{prefix}_quantized", $"{prefix}_scale", $"{prefix}_zero_point"]);
            node.OpType = "DynamicQuantizeMatMul";
            node.Domain = MicrosoftDomain;
            quantized++;
        }

        if (quantized > 0 && proto.OpsetImport.All(o => o.Domain != MicrosoftDomain))
        {
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        // The float weights that only the replaced MatMuls read are dropped.
        var used = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        foreach (var unused in graph.Initializer.Where(t => !used.Contains(t.Name)).ToList())
        {
            graph.Initializer.Remove(unused);
        }

        return proto.ToByteArray();
    }

    /// <summary>Symmetric per-column int8 codes (row-major, two's complement bytes) and the scale of each column.</summary>
    public static (byte[] Codes, float[] Scales) QuantizeColumns(ReadOnlySpan<float> values, int rows, int columns)
    {
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(values[(r * columns) + c]));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var codes = new byte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                codes[(r * columns) + c] = unchecked((byte)(sbyte)Math.Clamp((int)MathF.Round(values[(r * columns) + c] / scales[c]), -127, 127));
            }
        }

        return (codes, scales);
    }

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, long[] dims, byte[] raw)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.Add(dims);
        return tensor;
    }

    private static byte[] AsBytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
