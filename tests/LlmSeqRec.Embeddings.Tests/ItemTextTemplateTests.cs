using LlmSeqRec.Data;
using LlmSeqRec.Embeddings;

namespace LlmSeqRec.Embeddings.Tests;

public sealed class ItemTextTemplateTests
{
    private static readonly Catalog Items = new(
        ["a", "b", "c"],
        ["Rose Cream, 50 ml", null, "Mint Shampoo"],
        [
            new Dictionary<string, string> { ["brand"] = "Lumiere", ["categories"] = "[[\"Beauty\",\"Skin Care\"]]" },
            new Dictionary<string, string> { ["brand"] = "Verdant" },
            new Dictionary<string, string>(),
        ]);

    [Fact]
    public void Title_only_is_the_papers_text()
    {
        Assert.Equal("Rose Cream, 50 ml", ItemTextTemplate.TitleOnly.Render(Items, 0));
    }

    [Fact]
    public void Richer_template_appends_the_attributes_that_exist()
    {
        var template = ItemTextTemplate.Parse("title-brand-categories");

        Assert.Equal("Rose Cream, 50 ml. Brand: Lumiere. Categories: [[\"Beauty\",\"Skin Care\"]]", template.Render(Items, 0));
        Assert.Equal("Mint Shampoo", template.Render(Items, 2));
    }

    [Fact]
    public void Items_without_a_title_have_no_text_even_with_attributes()
    {
        Assert.Null(ItemTextTemplate.TitleOnly.Render(Items, 1));
        Assert.Null(ItemTextTemplate.TitleBrandCategories.Render(Items, 1));
    }

    [Fact]
    public void Unknown_template_names_the_choices()
    {
        var e = Assert.Throws<ArgumentException>(() => ItemTextTemplate.Parse("description"));

        Assert.Contains("title-brand-categories", e.Message, StringComparison.Ordinal);
    }
}
