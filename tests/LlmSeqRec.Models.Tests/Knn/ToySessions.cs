using LlmSeqRec.Data;
using LlmSeqRec.Models.Knn;

namespace LlmSeqRec.Models.Tests.Knn;

/// <summary>
/// Small train sets for hand-checked kNN cases. <see cref="Letters"/> is the one most tests use:
/// <code>
///   session  items      end time
///   A (0)    0, 1, 2    100
///   B (1)    1, 3       200
///   C (2)    2, 3, 4    300
///   D (3)    2, 5       400
///   E (4)    6, 7       500
/// </code>
/// 9 catalog items; item 8 is in no session. N = 5 sessions, so idf(item) = 1 + ln(5 / df):
/// df 1 (items 0, 4, 5, 6, 7) → 2.609438; df 2 (items 1, 3) → 1.916291; df 3 (item 2) → 1.510826.
/// Direct successors: 0 → {1}; 1 → {2, 3}; 2 → {3, 5}; 3 → {4}; 6 → {7}.
/// </summary>
internal static class ToySessions
{
    public static TrainingSet Letters { get; } = Build(9, (100, [0, 1, 2]), (200, [1, 3]), (300, [2, 3, 4]), (400, [2, 5]), (500, [6, 7]));

    /// <summary>A train set of the given sessions; every item of a session has the session's end time.</summary>
    public static TrainingSet Build(int itemCount, params (long EndTime, int[] Items)[] sessions)
    {
        var offsets = new int[sessions.Length + 1];
        var items = new List<int>();
        var timestamps = new List<long>();
        for (var s = 0; s < sessions.Length; s++)
        {
            items.AddRange(sessions[s].Items);
            timestamps.AddRange(sessions[s].Items.Select(_ => sessions[s].EndTime));
            offsets[s + 1] = items.Count;
        }

        var table = new SessionTable(sessions.Select((_, s) => $"s{s}").ToArray(), offsets, [.. items], [.. timestamps]);
        var catalog = new Catalog(Enumerable.Range(0, itemCount).Select(i => $"i{i}").ToArray(), new string?[itemCount]);
        return new TrainingSet(catalog, table, sessions.Length);
    }

    /// <summary>A pseudo-random train set (fixed generator seed): sessions of 2-8 items drawn with a popularity skew.</summary>
    public static TrainingSet Random(int sessionCount, int itemCount, int generatorSeed = 1)
    {
        var random = new Random(generatorSeed);
        var sessions = new (long, int[])[sessionCount];
        for (var s = 0; s < sessionCount; s++)
        {
            var length = random.Next(2, 9);
            sessions[s] = (1000 + (s / 3), Enumerable.Range(0, length).Select(_ => (int)(itemCount * Math.Pow(random.NextDouble(), 2))).ToArray());
        }

        return Build(itemCount, sessions);
    }

    /// <summary>A fitted model on <paramref name="training"/> (default: <see cref="Letters"/>).</summary>
    public static async Task<SessionKnnRecommender> FittedAsync(SknnConfig config, TrainingSet? training = null, int seed = SessionKnnRecommender.DefaultSeed)
    {
        var model = new SessionKnnRecommender(config, seed);
        await model.FitAsync(training ?? Letters);
        return model;
    }
}
