namespace LlmSeqRec.Data;

/// <summary>One next-item prediction task: the prompt (a session minus its withheld last item) and the ground truth.</summary>
/// <param name="Session">Dense index of the session in <see cref="PreparedDataset.Sessions"/>.</param>
/// <param name="Prompt">Dense item indexes in time order.</param>
/// <param name="GroundTruth">Dense item indexes to be predicted (the paper withholds exactly one).</param>
public sealed record EvaluationCase(int Session, int[] Prompt, int[] GroundTruth);

/// <summary>
/// A forward-chaining validation fold: train on the first <paramref name="TrainSessionCount"/> train sessions,
/// validate on the cases built from the next bin.
/// </summary>
/// <param name="Number">1-based fold number.</param>
/// <param name="TrainSessionCount">Length of the prefix of the train split that the fold trains on.</param>
/// <param name="Cases">Validation cases (non-trained items removed, sessions under 2 items dropped).</param>
public sealed record ValidationFold(int Number, int TrainSessionCount, IReadOnlyList<EvaluationCase> Cases);
