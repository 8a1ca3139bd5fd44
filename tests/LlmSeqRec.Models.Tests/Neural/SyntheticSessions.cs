using LlmSeqRec.Data;

namespace LlmSeqRec.Models.Tests.Neural;

/// <summary>Train sets with an obvious sequential pattern: item i is always followed by item i + 1 (mod the item count).</summary>
internal static class SyntheticSessions
{
    /// <summary><paramref name="sessions"/> runs of consecutive items, random starts and lengths 2..8, seeded.</summary>
    public static TrainingSet Successors(int items, int sessions, int seed = 7)
    {
        var random = new Random(seed);
        var offsets = new int[sessions + 1];
        var all = new List<int>();
        for (var s = 0; s < sessions; s++)
        {
            var start = random.Next(items);
            var length = random.Next(2, 9);
            all.AddRange(Enumerable.Range(0, length).Select(i => (start + i) % items));
            offsets[s + 1] = all.Count;
        }

        var table = new SessionTable(
            Enumerable.Range(0, sessions).Select(s => $"s{s}").ToArray(), offsets, [.. all], all.Select(_ => 0L).ToArray());
        var catalog = new Catalog(Enumerable.Range(0, items).Select(i => $"i{i}").ToArray(), new string?[items]);
        return new TrainingSet(catalog, table, sessions);
    }
}
