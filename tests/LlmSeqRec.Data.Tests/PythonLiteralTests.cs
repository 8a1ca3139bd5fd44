using System.Text.Json;
using LlmSeqRec.Data.Formats;

namespace LlmSeqRec.Data.Tests;

public class PythonLiteralTests
{
    [Theory]
    [InlineData("'plain'", "plain")]
    [InlineData("\"L'Oreal Paris\"", "L'Oreal Paris")]
    [InlineData("'say \"hi\"'", "say \"hi\"")]
    [InlineData("''", "")]
    [InlineData("  'padded'  ", "padded")]
    [InlineData("u'unicode prefix'", "unicode prefix")]
    [InlineData("'''it's triple'''", "it's triple")]
    [InlineData("\"\"\"two\nlines\"\"\"", "two\nlines")]
    public void ParsesSingleDoubleAndTripleQuotedStrings(string literal, string expected)
    {
        Assert.Equal(expected, PythonLiteral.Parse(literal));
    }

    [Theory]
    [InlineData(@"'a\\b'", "a\\b")]
    [InlineData(@"'L\'Oreal'", "L'Oreal")]
    [InlineData(@"'say \""hi\""'", "say \"hi\"")]
    [InlineData(@"'one\ntwo\tthree'", "one\ntwo\tthree")]
    [InlineData(@"'caf\xe9'", "café")]
    [InlineData(@"'caf\u00e9'", "café")]
    [InlineData(@"'\U0001F600'", "\U0001F600")]
    [InlineData(@"'\ud83d\ude00'", "\U0001F600")]
    [InlineData(@"'\101\0'", "A\0")]
    [InlineData(@"'keep \d as is'", "keep \\d as is")]
    [InlineData(@"r'raw \n stays'", "raw \\n stays")]
    [InlineData(@"'literal backslash-n: \\n'", "literal backslash-n: \\n")]
    public void DecodesEscapes(string literal, string expected)
    {
        Assert.Equal(expected, PythonLiteral.Parse(literal));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("1_000", 1000L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void ParsesIntegersAsLong(string literal, long expected)
    {
        var value = PythonLiteral.Parse(literal);

        Assert.IsType<long>(value);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2.5", 2.5)]
    [InlineData("-0.125", -0.125)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1.5E-2", 0.015)]
    [InlineData(".5", 0.5)]
    public void ParsesFloatsAsDouble(string literal, double expected)
    {
        var value = PythonLiteral.Parse(literal);

        Assert.IsType<double>(value);
        Assert.Equal(expected, (double)value!, 12);
    }

    [Fact]
    public void ParsesTrueFalseAndNone()
    {
        Assert.Equal(true, PythonLiteral.Parse("True"));
        Assert.Equal(false, PythonLiteral.Parse("False"));
        Assert.Null(PythonLiteral.Parse("None"));
    }

    [Fact]
    public void ParsesNestedDictsListsTuplesAndSets()
    {
        var value = PythonLiteral.Parse("{'asin': 'B1', 'related': {'also_bought': ['X', 'Y'], 'rank': (1, 2.5)}, 'tags': {'a', 'b'}, 'n': None, 'categories': [['Beauty', 'Skin Care'],],}");

        var dict = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal(["asin", "related", "tags", "n", "categories"], dict.Keys);
        Assert.Equal("B1", dict["asin"]);
        var related = Assert.IsType<Dictionary<string, object?>>(dict["related"]);
        Assert.Equal(["X", "Y"], Assert.IsType<List<object?>>(related["also_bought"]));
        Assert.Equal([1L, 2.5], Assert.IsType<List<object?>>(related["rank"]));
        Assert.Equal(["a", "b"], Assert.IsType<List<object?>>(dict["tags"]));
        Assert.True(dict.ContainsKey("n"));
        Assert.Null(dict["n"]);
        var categories = Assert.IsType<List<object?>>(dict["categories"]);
        Assert.Equal(["Beauty", "Skin Care"], Assert.IsType<List<object?>>(Assert.Single(categories)));
    }

    [Fact]
    public void ParsesEmptyContainersAndSingleElementTuple()
    {
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(PythonLiteral.Parse("{}")));
        Assert.Empty(Assert.IsType<List<object?>>(PythonLiteral.Parse("[ ]")));
        Assert.Empty(Assert.IsType<List<object?>>(PythonLiteral.Parse("()")));
        Assert.Equal([5L], Assert.IsType<List<object?>>(PythonLiteral.Parse("(5,)")));
    }

    [Fact]
    public void NonStringDictKeysBecomeText()
    {
        var dict = Assert.IsType<Dictionary<string, object?>>(PythonLiteral.Parse("{1: 'one', True: 'yes'}"));

        Assert.Equal("one", dict["1"]);
        Assert.Equal("yes", dict["true"]);
    }

    [Theory]
    [InlineData("'ab' 'cd'", "abcd")]
    [InlineData("'ab'\"cd\"", "abcd")]
    [InlineData("'a' u'b'  \"c\"", "abc")]
    public void ConcatenatesAdjacentStrings(string literal, string expected)
    {
        Assert.Equal(expected, PythonLiteral.Parse(literal));
    }

    [Fact]
    public void ConcatenatesAdjacentStringsInsideContainers()
    {
        var list = Assert.IsType<List<object?>>(PythonLiteral.Parse("['Eau de ' 'Toilette', 'x']"));

        Assert.Equal(["Eau de Toilette", "x"], list);
    }

    [Theory]
    [InlineData("'unterminated")]
    [InlineData("\"unterminated")]
    [InlineData("'''unterminated''")]
    [InlineData("'line\nbreak'")]
    [InlineData("__import__('os')")]
    [InlineData("__import__('os').system('echo hacked')")]
    [InlineData("eval('1+1')")]
    [InlineData("os.system('ls')")]
    [InlineData("{'title': open('/etc/passwd').read()}")]
    [InlineData("1 + 1")]
    [InlineData("'a' b")]
    [InlineData("{'a': 1} trailing")]
    [InlineData("[1, 2")]
    [InlineData("{'a' 1}")]
    [InlineData("{'a': }")]
    [InlineData("[1 2]")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("0x1G")]
    [InlineData(@"'\x4'")]
    [InlineData(@"'\u12'")]
    [InlineData("'ends with backslash\\")]
    [InlineData("nan")]
    [InlineData("true")]
    public void MalformedOrNonLiteralInputThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => PythonLiteral.Parse(text));
    }

    [Fact]
    public void FunctionCallsAreRejectedByNameNotEvaluated()
    {
        var e = Assert.Throws<FormatException>(() => PythonLiteral.Parse("{'title': exec('x = 1')}"));

        Assert.Contains("'exec' is not a literal", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsGiveTheCharacterPosition()
    {
        var e = Assert.Throws<FormatException>(() => PythonLiteral.Parse("['a', 'b' 7]"));

        // Position 11 is the '7' where ',' or ']' was expected.
        Assert.Contains("at character 11", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTextLeavesStringsAsTheyAreAndNullEmpty()
    {
        Assert.Equal("L'Oreal & Co", PythonLiteral.ToText("L'Oreal & Co"));
        Assert.Equal("", PythonLiteral.ToText(null));
    }

    [Fact]
    public void ToTextRendersListsAndDictsAsCompactJson()
    {
        Assert.Equal("[[\"Beauty\",\"Skin Care\"]]", PythonLiteral.ToText(PythonLiteral.Parse("[['Beauty', 'Skin Care']]")));
        Assert.Equal("[1,2.5,true,null]", PythonLiteral.ToText(PythonLiteral.Parse("(1, 2.5, True, None)")));
        Assert.Equal("{\"a\":[1],\"b\":{\"c\":\"d\"}}", PythonLiteral.ToText(PythonLiteral.Parse("{'a': [1], 'b': {'c': 'd'}}")));
    }

    [Fact]
    public void ToTextJsonDecodesBackToTheParsedStrings()
    {
        var text = PythonLiteral.ToText(PythonLiteral.Parse("[\"L'Oreal\", 'Tools & Accessories', 'caf\\xe9', 'a \"q\"']"));

        using var json = JsonDocument.Parse(text);
        Assert.Equal(["L'Oreal", "Tools & Accessories", "café", "a \"q\""], json.RootElement.EnumerateArray().Select(e => e.GetString()));
    }

    // Regression: ToText used the default JSON encoder, which wrote '&' as \u0026, '\'' as \u0027 and accents as \uXXXX.
    [Fact]
    public void ToTextKeepsAmpersandsApostrophesAndAccentsReadable()
    {
        var text = PythonLiteral.ToText(PythonLiteral.Parse("[\"L'Oreal\", 'Tools & Accessories', 'caf\\xe9']"));

        Assert.Equal("[\"L'Oreal\",\"Tools & Accessories\",\"café\"]", text);
    }

    // Regression: the recursive parser had no depth limit and ~200,000 '[' overflowed the stack, which kills the
    // process (a regression here crashes the test host rather than failing this test).
    [Fact]
    public void DeeplyNestedInputThrowsFormatExceptionInsteadOfCrashing()
    {
        var text = new string('[', 200_000) + new string(']', 200_000);

        Assert.Throws<FormatException>(() => PythonLiteral.Parse(text));
    }

    [Fact]
    public void ModeratelyNestedInputIsStillParsed()
    {
        var text = new string('[', 20) + "'deep'" + new string(']', 20);

        object? value = PythonLiteral.Parse(text);
        for (var level = 0; level < 20; level++)
        {
            value = Assert.Single(Assert.IsType<List<object?>>(value));
        }

        Assert.Equal("deep", value);
    }
}
