using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Data.Ingestion;
using LlmSeqRec.Data.Preparation;

namespace LlmSeqRec.Data;

/// <summary>
/// Opens a dataset folder of any supported kind: a prepared-dataset artifact (has manifest.json), a CSV dataset
/// folder (has interactions.csv) or Amazon 2014 dumps (reviews_*.json[.gz] and meta_*.json[.gz], in the folder or
/// its raw/ sub-folder). Input folders are ingested on the fly.
/// </summary>
public static class DatasetLoader
{
    /// <summary>Finds the input format of <paramref name="folder"/>; null for a prepared artifact.</summary>
    public static IDatasetSource? FindSource(string folder, CsvColumns? columns = null, AmazonDumpOptions? amazon = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DatasetFormatException(folder, null, null, "folder not found");
        }

        if (PreparedDatasetStore.IsPreparedDataset(folder))
        {
            return null;
        }

        if (CsvFolderSource.IsCsvFolder(folder))
        {
            return new CsvFolderSource(folder, columns);
        }

        return AmazonDumpSource.TryFind(folder, amazon)
               ?? throw new DatasetFormatException(folder, null, null,
                   "not a dataset folder: expected manifest.json (prepared dataset), interactions.csv + items.csv, " +
                   "or reviews_*.json[.gz] + meta_*.json[.gz] (Amazon 2014 dumps, also under raw/)");
    }

    /// <summary>Loads a prepared artifact, or ingests an input folder with <paramref name="options"/>.</summary>
    public static PreparedDataset Load(
        string folder,
        IngestionOptions? options = null,
        CsvColumns? columns = null,
        AmazonDumpOptions? amazon = null,
        IProgress<IngestionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var source = FindSource(folder, columns, amazon);
        return source is null
            ? PreparedDatasetStore.Read(folder)
            : DatasetPreparer.Prepare(source, DatasetName(folder), options ?? new IngestionOptions(), progress, cancellationToken);
    }

    /// <summary>A dataset's name from its folder (the parent's name for a raw/ folder).</summary>
    public static string DatasetName(string folder)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var name = Path.GetFileName(full);
        return name == "raw" ? Path.GetFileName(Path.GetDirectoryName(full)) ?? name : name;
    }
}
