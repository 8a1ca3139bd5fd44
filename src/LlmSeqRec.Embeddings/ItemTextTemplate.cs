using System.Text;
using LlmSeqRec.Data;

namespace LlmSeqRec.Embeddings;

/// <summary>
/// Turns a catalog item into the text that is embedded. The papers embed the title only; the richer template
/// appends the brand and the categories where the metadata has them. Items with no title give null (they get a
/// zero vector, the papers' choice).
/// </summary>
public sealed record ItemTextTemplate(string Name, IReadOnlyList<string> AttributeKeys)
{
    /// <summary>The title only, as in the papers.</summary>
    public static ItemTextTemplate TitleOnly { get; } = new("title", []);

    /// <summary>Title, then "Brand: ..." and "Categories: ..." when present.</summary>
    public static ItemTextTemplate TitleBrandCategories { get; } = new("title-brand-categories", ["brand", "categories"]);

    /// <summary>A template by name: "title" or "title-brand-categories".</summary>
    public static ItemTextTemplate Parse(string name) => name switch
    {
        "title" => TitleOnly,
        "title-brand-categories" => TitleBrandCategories,
        _ => throw new ArgumentException($"unknown item-text template '{name}'; use title or title-brand-categories", nameof(name)),
    };

    /// <summary>The text of item <paramref name="item"/>, or null when it has no title.</summary>
    public string? Render(Catalog catalog, int item)
    {
        var title = catalog.Titles[item];
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        if (AttributeKeys.Count == 0)
        {
            return title;
        }

        var text = new StringBuilder(title);
        foreach (var key in AttributeKeys)
        {
            if (catalog.Attributes[item].TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                text.Append(". ").Append(char.ToUpperInvariant(key[0])).Append(key.AsSpan(1)).Append(": ").Append(value);
            }
        }

        return text.ToString();
    }
}
