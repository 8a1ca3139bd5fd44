namespace LlmSeqRec.Embeddings.Providers;

/// <summary>Numeric precision of the local embedding model's weights.</summary>
public enum LocalModelPrecision
{
    /// <summary>The published float32 model.</summary>
    Fp32,

    /// <summary>Weights of the dense layers quantized to int8 per output column, activations quantized on the fly.</summary>
    Quantized8Bit,
}
