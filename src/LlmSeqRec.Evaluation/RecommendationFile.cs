using LlmSeqRec.Data;
using LlmSeqRec.Data.Formats;

namespace LlmSeqRec.Evaluation;

/// <summary>
/// An external recommendation file, <c>SessionId,Rank,ItemId</c> (ids as in the dataset's input), matched to a
/// dataset's test cases. Sessions without recommendations are skipped (as the papers do) and counted; items
/// unknown to the catalog are kept (they count for coverage, add nothing to novelty) and counted.
/// </summary>
public sealed record RecommendationFile(
    IReadOnlyList<EvaluationCase> Cases,
    IReadOnlyList<int[]> Recommendations,
    int CasesWithoutRecommendations,
    int SessionsNotInCases,
    int UnknownItems)
{
    /// <summary>Reads <paramref name="path"/> and matches it to <paramref name="cases"/> of <paramref name="dataset"/>.</summary>
    public static RecommendationFile Read(string path, PreparedDataset dataset, IReadOnlyList<EvaluationCase> cases)
    {
        var sessionByCase = cases.Select((c, i) => (c.Session, i)).ToDictionary(x => dataset.Sessions.Ids[x.Session], x => x.i, StringComparer.Ordinal);
        var ranked = new List<(int Rank, int Item)>?[cases.Count];
        var unknownItems = new Dictionary<string, int>(StringComparer.Ordinal);
        var otherSessions = new HashSet<string>(StringComparer.Ordinal);

        using var reader = new CsvRecordReader(InputFile.OpenText(path), path);
        var header = CsvHeader.Read(reader);
        var sessionColumn = header.Require("SessionId", "the recommendation file format");
        var rankColumn = header.Require("Rank", "the recommendation file format");
        var itemColumn = header.Require("ItemId", "the recommendation file format");
        var fields = new List<string>();
        while (reader.TryRead(fields))
        {
            header.CheckFieldCount(fields, reader);

            if (!int.TryParse(fields[rankColumn], out var rank) || rank < 1)
            {
                throw new DatasetFormatException(path, reader.RecordLine, "Rank", $"'{fields[rankColumn]}' is not a positive integer");
            }

            var sessionId = fields[sessionColumn].Trim();
            if (!sessionByCase.TryGetValue(sessionId, out var caseIndex))
            {
                otherSessions.Add(sessionId);
                continue;
            }

            var itemId = fields[itemColumn].Trim();
            if (!dataset.Catalog.TryGetIndex(itemId, out var item))
            {
                if (!unknownItems.TryGetValue(itemId, out item))
                {
                    item = dataset.Catalog.Count + unknownItems.Count;
                    unknownItems.Add(itemId, item);
                }
            }

            (ranked[caseIndex] ??= []).Add((rank, item));
        }

        var matchedCases = new List<EvaluationCase>();
        var recommendations = new List<int[]>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (ranked[i] is { } list)
            {
                matchedCases.Add(cases[i]);
                recommendations.Add(list.OrderBy(r => r.Rank).Select(r => r.Item).ToArray());
            }
        }

        return new RecommendationFile(matchedCases, recommendations, cases.Count - matchedCases.Count, otherSessions.Count, unknownItems.Count);
    }
}
