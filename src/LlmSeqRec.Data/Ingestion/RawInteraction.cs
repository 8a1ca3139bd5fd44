namespace LlmSeqRec.Data.Ingestion;

/// <summary>One interaction as read from an input file, with the line it came from.</summary>
/// <param name="SessionKey">The session's (user's) external id.</param>
/// <param name="ItemKey">The item's external id.</param>
/// <param name="Timestamp">Unix seconds.</param>
/// <param name="Line">1-based line number in <see cref="IDatasetSource.InteractionsFile"/>.</param>
public readonly record struct RawInteraction(string SessionKey, string ItemKey, long Timestamp, long Line);

/// <summary>One catalog item as read from an input file.</summary>
/// <param name="Id">The item's external id.</param>
/// <param name="Title">The raw title, or null when the input has none.</param>
/// <param name="Attributes">Other metadata kept from the input (brand, categories, ...), as text.</param>
/// <param name="Line">1-based line number in <see cref="IDatasetSource.ItemsFile"/>.</param>
public sealed record RawItem(string Id, string? Title, IReadOnlyDictionary<string, string> Attributes, long Line);
