namespace LlmSeqRec.Data.Preparation;

/// <summary>
/// The papers' temporal split over sessions already ordered by end time: the last ceil(f·n) sessions are test;
/// test interactions whose item never occurs in train are dropped and sessions left with fewer than 2 items are
/// dropped; the prompt is all but the last item and the ground truth the last item. Validation folds chain
/// forward: the train sessions are cut into FoldCount + 1 near-equal bins (numpy <c>array_split</c>), and fold i
/// trains on bins 1..i and validates on bin i + 1, with the same filter and withholding.
/// </summary>
public static class TemporalSplitter
{
    /// <summary>Splits <paramref name="sessions"/> (ordered by end time).</summary>
    public static SplitResult Split(SessionTable sessions, int itemCount, decimal testFraction, int foldCount)
    {
        var n = sessions.Count;
        var testCount = (int)Math.Ceiling(testFraction * n);
        var trainCount = n - testCount;
        if (trainCount < Math.Max(1, foldCount + 1))
        {
            throw new DatasetValidationException(
                $"{n} sessions are too few for a test fraction of {testFraction} and {foldCount} validation folds ({trainCount} train sessions left)");
        }

        var trained = TrainedItems(sessions, itemCount, trainCount);
        var test = BuildCases(sessions, trainCount, n, trained, out var droppedInteractions);

        var folds = new List<ValidationFold>(foldCount);
        if (foldCount > 0)
        {
            var bounds = ArraySplitBounds(trainCount, foldCount + 1);
            for (var f = 1; f <= foldCount; f++)
            {
                var foldTrained = TrainedItems(sessions, itemCount, bounds[f]);
                var cases = BuildCases(sessions, bounds[f], bounds[f + 1], foldTrained, out _);
                folds.Add(new ValidationFold(f, bounds[f], cases));
            }
        }

        return new SplitResult(trainCount, test, folds, droppedInteractions, testCount - test.Count, trained.Count(t => t));
    }

    /// <summary>Boundaries of numpy's array_split of <paramref name="n"/> elements into <paramref name="parts"/>.</summary>
    public static int[] ArraySplitBounds(int n, int parts)
    {
        var bounds = new int[parts + 1];
        var size = n / parts;
        var extra = n % parts;
        for (var p = 0; p < parts; p++)
        {
            bounds[p + 1] = bounds[p] + size + (p < extra ? 1 : 0);
        }

        return bounds;
    }

    private static bool[] TrainedItems(SessionTable sessions, int itemCount, int trainCount)
    {
        var trained = new bool[itemCount];
        for (var s = 0; s < trainCount; s++)
        {
            foreach (var item in sessions.ItemsOf(s))
            {
                trained[item] = true;
            }
        }

        return trained;
    }

    private static List<EvaluationCase> BuildCases(SessionTable sessions, int from, int to, bool[] trained, out int droppedInteractions)
    {
        var cases = new List<EvaluationCase>(to - from);
        var kept = new List<int>();
        droppedInteractions = 0;
        for (var s = from; s < to; s++)
        {
            kept.Clear();
            foreach (var item in sessions.ItemsOf(s))
            {
                if (trained[item])
                {
                    kept.Add(item);
                }
                else
                {
                    droppedInteractions++;
                }
            }

            if (kept.Count >= 2)
            {
                cases.Add(new EvaluationCase(s, kept.GetRange(0, kept.Count - 1).ToArray(), [kept[^1]]));
            }
        }

        return cases;
    }
}

/// <summary>The outcome of <see cref="TemporalSplitter.Split"/>.</summary>
/// <param name="TrainSessionCount">The train split is this prefix of the sessions.</param>
/// <param name="Test">Test cases.</param>
/// <param name="Folds">Validation folds.</param>
/// <param name="TestInteractionsDropped">Test interactions removed because their item is not in train.</param>
/// <param name="TestSessionsDropped">Test sessions left with fewer than 2 items.</param>
/// <param name="TrainItems">Distinct items in the train split.</param>
public sealed record SplitResult(
    int TrainSessionCount,
    IReadOnlyList<EvaluationCase> Test,
    IReadOnlyList<ValidationFold> Folds,
    int TestInteractionsDropped,
    int TestSessionsDropped,
    int TrainItems);
