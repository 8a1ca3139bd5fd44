using LlmSeqRec.Data.Artifacts;

namespace LlmSeqRec.Data;

/// <summary>
/// A dataset ready for training and evaluation: the catalog, every session in end-time order, the paper's
/// temporal split (the first <see cref="TrainSessionCount"/> sessions are train, the test cases come from the
/// rest) and the forward-chaining validation folds, with the manifest that identifies it.
/// </summary>
public sealed class PreparedDataset(
    Catalog catalog,
    SessionTable sessions,
    int trainSessionCount,
    IReadOnlyList<EvaluationCase> test,
    IReadOnlyList<ValidationFold> folds,
    DatasetManifest manifest)
{
    /// <summary>The items.</summary>
    public Catalog Catalog { get; } = catalog;

    /// <summary>All sessions (train and test, before the test filter), ordered by end time.</summary>
    public SessionTable Sessions { get; } = sessions;

    /// <summary>The train split is the first this-many sessions of <see cref="Sessions"/>.</summary>
    public int TrainSessionCount { get; } = trainSessionCount;

    /// <summary>The test cases: prompt = all but the last item, ground truth = the last item.</summary>
    public IReadOnlyList<EvaluationCase> Test { get; } = test;

    /// <summary>Forward-chaining validation folds over the train split.</summary>
    public IReadOnlyList<ValidationFold> Folds { get; } = folds;

    /// <summary>Source, parameters, counts and content hash.</summary>
    public DatasetManifest Manifest { get; } = manifest;

    /// <summary>The data a model is fitted on for the test evaluation.</summary>
    public TrainingSet TrainingSet => new(Catalog, Sessions, TrainSessionCount);

    /// <summary>The data a model is fitted on for validation fold <paramref name="fold"/>.</summary>
    public TrainingSet FoldTrainingSet(ValidationFold fold) => new(Catalog, Sessions, fold.TrainSessionCount);

    /// <summary>Interaction counts per item over the whole dataset (train and test), as the papers' metrics use.</summary>
    public int[] ItemCounts() => Sessions.ItemCounts(Catalog.Count);
}

/// <summary>What a model is fitted on: the catalog and the first <paramref name="SessionCount"/> sessions.</summary>
public sealed record TrainingSet(Catalog Catalog, SessionTable Sessions, int SessionCount)
{
    /// <summary>The items of train session <paramref name="session"/> (0 ≤ session &lt; SessionCount).</summary>
    public ReadOnlySpan<int> ItemsOf(int session) => session < SessionCount
        ? Sessions.ItemsOf(session)
        : throw new ArgumentOutOfRangeException(nameof(session));

    /// <summary>Interaction counts per item over the train sessions.</summary>
    public int[] ItemCounts() => Sessions.ItemCounts(Catalog.Count, SessionCount);
}
