namespace LlmSeqRec.Data.Tests;

public class TitleCleanerTests
{
    [Theory]
    [InlineData("Tom &amp; Jerry", "Tom  and  Jerry")]
    [InlineData("A&amp;B", "A and B")]
    [InlineData("&quot;Best&quot; Cream", "Best Cream")]
    [InlineData("Brand&reg; Lotion&trade; &copy;2014", "Brand Lotion 2014")]
    [InlineData("No&nbsp;Break", "No Break")]
    [InlineData("&#9733; Five Star &#9733;", "&#9733; Five Star &#9733;")]
    [InlineData("Salt & Pepper", "Salt & Pepper")]
    [InlineData("plain title ", "plain title ")]
    public void ReplacesTheNamedEntitiesAndKeepsNumericOnes(string raw, string expected)
    {
        Assert.Equal(expected, TitleCleaner.Clean(raw));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("&quot;&quot;")]
    [InlineData("&reg;&trade;")]
    public void EmptyTitlesBecomeNull(string? raw)
    {
        Assert.Null(TitleCleaner.Clean(raw));
    }
}
