namespace LlmSeqRec.Data.Ingestion;

/// <summary>
/// An input dataset in some file format: a stream of interactions and a stream of catalog items.
/// Both are read lazily, once each.
/// </summary>
public interface IDatasetSource
{
    /// <summary>A short description of the format and files, recorded in the manifest.</summary>
    SourceDescription Describe();

    /// <summary>The file the interactions come from (for error messages).</summary>
    string InteractionsFile { get; }

    /// <summary>The file the catalog comes from (for error messages).</summary>
    string ItemsFile { get; }

    /// <summary>Streams the interactions in file order. Malformed lines go to <paramref name="badLines"/>.</summary>
    IEnumerable<RawInteraction> ReadInteractions(BadLinePolicy badLines, CancellationToken cancellationToken = default);

    /// <summary>Streams the catalog items in file order. Malformed lines go to <paramref name="badLines"/>.</summary>
    IEnumerable<RawItem> ReadItems(BadLinePolicy badLines, CancellationToken cancellationToken = default);
}

/// <summary>Where a dataset came from, as recorded in its manifest.</summary>
/// <param name="Format">"amazon-2014" or "csv".</param>
/// <param name="Files">The input files, as file name (no machine paths) and size in bytes.</param>
public sealed record SourceDescription(string Format, IReadOnlyList<SourceFile> Files);

/// <summary>An input file by name and size.</summary>
public sealed record SourceFile(string Name, long Bytes);
