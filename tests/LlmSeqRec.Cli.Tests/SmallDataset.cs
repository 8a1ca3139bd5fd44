using System.Globalization;
using System.Text;

namespace LlmSeqRec.Cli.Tests;

/// <summary>A tiny CSV dataset folder: 20 sessions of 4 items over 8 items, one per day.</summary>
internal static class SmallDataset
{
    /// <summary>20 sessions, test fraction 0.2 → the last 4 sessions are test; all their items are trained.</summary>
    public const int TestCases = 4;

    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var interactions = new StringBuilder("SessionId,ItemId,Timestamp\n");
        for (var s = 0; s < 20; s++)
        {
            for (var j = 0; j < 4; j++)
            {
                interactions.Append(CultureInfo.InvariantCulture, $"s{s},i{(s + j) % 8},{1_700_000_000 + (s * 86_400) + j}\n");
            }
        }

        File.WriteAllText(Path.Combine(folder, "interactions.csv"), interactions.ToString());
        File.WriteAllText(Path.Combine(folder, "items.csv"),
            "ItemId,Title\n" + string.Concat(Enumerable.Range(0, 8).Select(i => $"i{i},\"Item {i}, size {i}\"\n")));
    }
}
