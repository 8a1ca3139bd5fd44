using LlmSeqRec.Data;
using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Data.Ingestion;
using LlmSeqRec.Data.Preparation;

namespace LlmSeqRec.Evaluation.Tests;

/// <summary>Builds small prepared datasets by hand, with full control over item indexes and the split.</summary>
internal static class TinyDataset
{
    /// <summary>
    /// A dataset with the given item ids (dense index = position) and sessions (ids "s0", "s1", ...). The first
    /// <paramref name="trainSessionCount"/> sessions are train; every later session becomes a test case with
    /// prompt = all but the last item and ground truth = the last item (no filtering).
    /// </summary>
    public static PreparedDataset Build(string[] itemIds, int[][] sessions, int trainSessionCount)
    {
        var catalog = new Catalog(itemIds, itemIds.Select(id => (string?)("Title " + id)).ToArray());
        var offsets = new int[sessions.Length + 1];
        for (var s = 0; s < sessions.Length; s++)
        {
            offsets[s + 1] = offsets[s] + sessions[s].Length;
        }

        var items = sessions.SelectMany(s => s).ToArray();
        var timestamps = sessions.SelectMany((s, i) => s.Select((_, j) => 1_000_000L + (i * 100) + j)).ToArray();
        var table = new SessionTable(sessions.Select((_, i) => "s" + i).ToArray(), offsets, items, timestamps);
        var test = Enumerable.Range(trainSessionCount, sessions.Length - trainSessionCount)
            .Select(s => new EvaluationCase(s, sessions[s][..^1], [sessions[s][^1]]))
            .ToArray();
        return DatasetAssembler.Assemble(
            "tiny",
            new SourceDescription("test", []),
            new IngestionOptions(KCore: 0, FoldCount: 0),
            new DatasetCounts(),
            catalog,
            table,
            trainSessionCount,
            test,
            []);
    }
}
