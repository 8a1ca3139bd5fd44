using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Data.Ingestion;

namespace LlmSeqRec.Data.Preparation;

/// <summary>
/// Turns an input dataset into a <see cref="PreparedDataset"/>: streams the interactions and the catalog, checks
/// they agree, applies k-core filtering, sessionizes (a session's items by timestamp, ties in input order),
/// orders sessions by end time (ties in order of first appearance) and makes the paper's split.
/// </summary>
public static class DatasetPreparer
{
    /// <summary>Prepares a dataset from <paramref name="source"/>.</summary>
    /// <param name="source">The input files.</param>
    /// <param name="name">A name recorded in the manifest (not part of the hashes).</param>
    /// <param name="options">Filtering and split parameters.</param>
    /// <param name="progress">Receives the stage and the records handled.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static PreparedDataset Prepare(
        IDatasetSource source,
        string name,
        IngestionOptions options,
        IProgress<IngestionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        var badLines = new BadLinePolicy(options.SkipBadLines);

        // 1. Interactions, in input order, with sessions and items interned in order of first appearance.
        var sessionIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var sessionKeys = new List<string>();
        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var itemKeys = new List<string>();
        var itemFirstLine = new List<long>();
        var rowSession = new List<int>();
        var rowItem = new List<int>();
        var rowTime = new List<long>();
        foreach (var interaction in source.ReadInteractions(badLines, cancellationToken))
        {
            if (!sessionIndex.TryGetValue(interaction.SessionKey, out var s))
            {
                s = sessionKeys.Count;
                sessionIndex.Add(interaction.SessionKey, s);
                sessionKeys.Add(interaction.SessionKey);
            }

            if (!itemIndex.TryGetValue(interaction.ItemKey, out var i))
            {
                i = itemKeys.Count;
                itemIndex.Add(interaction.ItemKey, i);
                itemKeys.Add(interaction.ItemKey);
                itemFirstLine.Add(interaction.Line);
            }

            rowSession.Add(s);
            rowItem.Add(i);
            rowTime.Add(interaction.Timestamp);
            if ((rowSession.Count & 0x3FFFF) == 0)
            {
                progress?.Report(new IngestionProgress("reading interactions", rowSession.Count));
            }
        }

        progress?.Report(new IngestionProgress("reading interactions", rowSession.Count));
        if (rowSession.Count == 0)
        {
            throw new DatasetValidationException($"{source.InteractionsFile}: no interactions were read");
        }

        // 2. The catalog: keep the items that interactions reference, remember their catalog order.
        var catalogPosition = new int[itemKeys.Count];
        Array.Fill(catalogPosition, -1);
        var rawItems = new RawItem?[itemKeys.Count];
        var catalogLines = 0;
        var firstLineOfId = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in source.ReadItems(badLines, cancellationToken))
        {
            if (!firstLineOfId.TryAdd(item.Id, item.Line))
            {
                badLines.Handle(new DatasetFormatException(source.ItemsFile, item.Line, null,
                    $"duplicate item id '{item.Id}' (first at line {firstLineOfId[item.Id]})"));
                continue;
            }

            if (itemIndex.TryGetValue(item.Id, out var i))
            {
                catalogPosition[i] = catalogLines;
                rawItems[i] = item;
            }

            catalogLines++;
        }

        progress?.Report(new IngestionProgress("reading catalog", catalogLines));

        // 3. Interactions whose item the catalog lacks.
        var keep = new bool[rowSession.Count];
        Array.Fill(keep, true);
        long unknownDropped = 0;
        var unknown = Enumerable.Range(0, itemKeys.Count).Where(i => catalogPosition[i] < 0).ToArray();
        if (unknown.Length > 0)
        {
            if (!options.DropUnknownItems)
            {
                var first = unknown.MinBy(i => itemFirstLine[i]);
                throw new DatasetFormatException(source.InteractionsFile, itemFirstLine[first], null,
                    $"item '{itemKeys[first]}' is not in the catalog {Path.GetFileName(source.ItemsFile)} " +
                    $"({unknown.Length} unknown items in all; pass the drop-unknown-items option to drop their interactions)");
            }

            for (var r = 0; r < keep.Length; r++)
            {
                if (catalogPosition[rowItem[r]] < 0)
                {
                    keep[r] = false;
                    unknownDropped++;
                }
            }
        }

        // 4. k-core.
        var sessionsSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rowSession);
        var itemsSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rowItem);
        var keptBefore = keep.Count(k => k);
        var rounds = KCoreFilter.Apply(sessionsSpan, itemsSpan, keep, options.KCore);
        var kept = keep.Count(k => k);
        progress?.Report(new IngestionProgress("k-core filtering", kept));
        if (kept == 0)
        {
            throw new DatasetValidationException(
                $"no interactions are left after {options.KCore}-core filtering of {rowSession.Count} interactions from {source.InteractionsFile}; lower the k-core parameter");
        }

        // 5. Dense item indexes in catalog order.
        var itemSurvives = new bool[itemKeys.Count];
        for (var r = 0; r < keep.Length; r++)
        {
            if (keep[r])
            {
                itemSurvives[rowItem[r]] = true;
            }
        }

        var survivingItems = Enumerable.Range(0, itemKeys.Count).Where(i => itemSurvives[i]).OrderBy(i => catalogPosition[i]).ToArray();
        var denseItem = new int[itemKeys.Count];
        Array.Fill(denseItem, -1);
        for (var d = 0; d < survivingItems.Length; d++)
        {
            denseItem[survivingItems[d]] = d;
        }

        var catalog = new Catalog(
            survivingItems.Select(i => itemKeys[i]).ToArray(),
            survivingItems.Select(i => TitleCleaner.Clean(rawItems[i]!.Title)).ToArray(),
            survivingItems.Select(i => rawItems[i]!.Attributes).ToArray());

        // 6. Sessions: rows grouped by session, each in (timestamp, input order); sessions by (end time, first appearance).
        var table = Sessionize(rowSession, rowItem, rowTime, keep, sessionKeys, denseItem);
        progress?.Report(new IngestionProgress("sessionizing", table.Count));

        // 7. The split.
        var split = TemporalSplitter.Split(table, catalog.Count, options.TestFraction, options.FoldCount);
        progress?.Report(new IngestionProgress("splitting", split.Test.Count));

        var counts = new DatasetCounts
        {
            InteractionsRead = rowSession.Count,
            SkippedLines = badLines.SkippedLines,
            UnknownItemInteractionsDropped = unknownDropped,
            KCoreRounds = rounds,
            KCoreInteractionsDropped = keptBefore - kept,
            Sessions = table.Count,
            Items = catalog.Count,
            Interactions = table.InteractionCount,
            CatalogItemsWithoutInteractions = catalogLines - (itemKeys.Count - unknown.Length),
            ItemsWithoutTitle = catalog.ItemsWithoutTitle,
            TrainSessions = split.TrainSessionCount,
            TrainItems = split.TrainItems,
            TestSessions = table.Count - split.TrainSessionCount,
            TestCases = split.Test.Count,
            TestInteractionsDropped = split.TestInteractionsDropped,
            TestSessionsDropped = split.TestSessionsDropped,
        };

        return DatasetAssembler.Assemble(name, source.Describe(), options, counts, catalog, table, split.TrainSessionCount, split.Test, split.Folds);
    }

    private static SessionTable Sessionize(List<int> rowSession, List<int> rowItem, List<long> rowTime, bool[] keep, List<string> sessionKeys, int[] denseItem)
    {
        var sessionCount = sessionKeys.Count;
        var lengths = new int[sessionCount];
        var endTime = new long[sessionCount];
        Array.Fill(endTime, long.MinValue);
        for (var r = 0; r < keep.Length; r++)
        {
            if (keep[r])
            {
                var s = rowSession[r];
                lengths[s]++;
                endTime[s] = Math.Max(endTime[s], rowTime[r]);
            }
        }

        // Sessions in first-appearance order are 0..n-1, so a stable sort by end time keeps ties in that order.
        var order = Enumerable.Range(0, sessionCount).Where(s => lengths[s] > 0).OrderBy(s => endTime[s]).ToArray();
        var position = new int[sessionCount];
        var offsets = new int[order.Length + 1];
        for (var p = 0; p < order.Length; p++)
        {
            position[order[p]] = p;
            offsets[p + 1] = offsets[p] + lengths[order[p]];
        }

        // Scatter the rows in input order, then sort each session by timestamp; the sort is stable
        // because the keys carry the input position.
        var total = offsets[^1];
        var rows = new int[total];
        var fill = offsets[..^1].ToArray();
        for (var r = 0; r < keep.Length; r++)
        {
            if (keep[r])
            {
                rows[fill[position[rowSession[r]]]++] = r;
            }
        }

        var items = new int[total];
        var times = new long[total];
        var keys = new (long Time, int Row)[total];
        for (var j = 0; j < total; j++)
        {
            keys[j] = (rowTime[rows[j]], rows[j]);
        }

        for (var p = 0; p < order.Length; p++)
        {
            var span = keys.AsSpan(offsets[p], offsets[p + 1] - offsets[p]);
            span.Sort();
            for (var j = 0; j < span.Length; j++)
            {
                items[offsets[p] + j] = denseItem[rowItem[span[j].Row]];
                times[offsets[p] + j] = span[j].Time;
            }
        }

        return new SessionTable(order.Select(s => sessionKeys[s]).ToArray(), offsets, items, times);
    }
}
