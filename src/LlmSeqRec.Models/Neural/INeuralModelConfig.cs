namespace LlmSeqRec.Models.Neural;

/// <summary>What every neural model's configuration record provides to build its recommender.</summary>
public interface INeuralModelConfig
{
    /// <summary>N: the window of last items.</summary>
    int MaxLength { get; }

    /// <summary>cpu, cuda, cuda:N or auto.</summary>
    string Device { get; }

    /// <summary>Prompts per inference batch.</summary>
    int PredictionBatchSize { get; }

    /// <summary>The optimiser and early-stopping part, for the trainer.</summary>
    TrainingOptions Training(int seed);
}
