using System.Globalization;
using System.Text;

namespace LlmSeqRec.Data.Formats;

/// <summary>
/// A safe parser for Python literals as written by <c>repr</c> (the Amazon 2014 metadata dumps): dicts, lists,
/// tuples, sets, strings (single, double or triple quoted, with escapes and u/b/r prefixes), ints, floats,
/// True/False/None. Nothing is evaluated. Values map to <see cref="string"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/>, null, <see cref="List{T}"/> of object? (list, tuple, set) and
/// <see cref="Dictionary{TKey,TValue}"/> of string to object? (dict; non-string keys are written as text).
/// </summary>
public static class PythonLiteral
{
    /// <summary>Parses one literal that must span the whole text (surrounding white space allowed).</summary>
    /// <exception cref="FormatException">With the character position and what was expected.</exception>
    public static object? Parse(string text)
    {
        var parser = new Parser(text);
        parser.SkipWhiteSpace();
        var value = parser.ParseValue();
        parser.SkipWhiteSpace();
        if (!parser.AtEnd)
        {
            throw parser.Error("unexpected text after the literal");
        }

        return value;
    }

    /// <summary>Renders a parsed value as compact text: strings as they are, containers as JSON.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        _ => System.Text.Json.JsonSerializer.Serialize(value, ReadableJson.Object),
    };

    /// <summary>Nesting deeper than this is refused (real metadata nests 2 or 3 levels).</summary>
    public const int MaxDepth = 64;

    private static readonly PythonLiteralJsonContext ReadableJson = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private sealed class Parser(string text)
    {
        private readonly string _text = text;
        private int _pos;
        private int _depth;

        public bool AtEnd => _pos >= _text.Length;

        public FormatException Error(string reason) =>
            new($"{reason} at character {_pos + 1}");

        public void SkipWhiteSpace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }
        }

        public object? ParseValue()
        {
            if (AtEnd)
            {
                throw Error("a value is expected but the text ends");
            }

            if (_depth >= MaxDepth)
            {
                throw Error($"containers nested deeper than {MaxDepth} levels");
            }

            var c = _text[_pos];
            switch (c)
            {
                case '{':
                    return Nested(static p => p.ParseDictOrSet());
                case '[':
                    return Nested(static p => p.ParseSequence('[', ']'));
                case '(':
                    return Nested(static p => p.ParseSequence('(', ')'));
                case '\'':
                case '"':
                    return ParseStrings();
                case '-':
                case '+':
                case '.':
                    return ParseNumber();
            }

            if (char.IsAsciiDigit(c))
            {
                return ParseNumber();
            }

            if (char.IsAsciiLetter(c))
            {
                var start = _pos;
                while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
                {
                    _pos++;
                }

                var word = _text.AsSpan(start, _pos - start);
                if (_pos < _text.Length && _text[_pos] is '\'' or '"' && word.Length <= 2 && IsStringPrefix(word))
                {
                    _pos = start;
                    return ParseStrings();
                }

                switch (word)
                {
                    case "True":
                        return true;
                    case "False":
                        return false;
                    case "None":
                        return null;
                }

                _pos = start;
                throw Error($"'{word}' is not a literal (only strings, numbers, True, False, None, dicts, lists, tuples and sets are allowed)");
            }

            throw Error($"unexpected character '{c}'");
        }

        private object Nested(Func<Parser, object> parse)
        {
            _depth++;
            try
            {
                return parse(this);
            }
            finally
            {
                _depth--;
            }
        }

        private static bool IsStringPrefix(ReadOnlySpan<char> word)
        {
            foreach (var ch in word)
            {
                if (ch is not ('u' or 'U' or 'b' or 'B' or 'r' or 'R'))
                {
                    return false;
                }
            }

            return true;
        }

        private object ParseDictOrSet()
        {
            _pos++; // {
            SkipWhiteSpace();
            var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (TryConsume('}'))
            {
                return dict;
            }

            var first = ParseValue();
            SkipWhiteSpace();
            if (!TryConsume(':'))
            {
                // A set literal.
                var set = new List<object?> { first };
                while (TryConsume(','))
                {
                    SkipWhiteSpace();
                    if (TryConsume('}'))
                    {
                        return set;
                    }

                    set.Add(ParseValue());
                    SkipWhiteSpace();
                }

                Expect('}');
                return set;
            }

            while (true)
            {
                SkipWhiteSpace();
                var value = ParseValue();
                dict[ToText(first)] = value;
                SkipWhiteSpace();
                if (TryConsume('}'))
                {
                    return dict;
                }

                Expect(',');
                SkipWhiteSpace();
                if (TryConsume('}'))
                {
                    return dict;
                }

                first = ParseValue();
                SkipWhiteSpace();
                Expect(':');
            }
        }

        private List<object?> ParseSequence(char open, char close)
        {
            _pos++; // open
            var list = new List<object?>();
            SkipWhiteSpace();
            if (TryConsume(close))
            {
                return list;
            }

            while (true)
            {
                list.Add(ParseValue());
                SkipWhiteSpace();
                if (TryConsume(close))
                {
                    return list;
                }

                Expect(',');
                SkipWhiteSpace();
                if (TryConsume(close))
                {
                    return list;
                }
            }
        }

        /// <summary>One string, or several adjacent ones (Python concatenates them).</summary>
        private string ParseStrings()
        {
            var result = ParseString();
            while (true)
            {
                var save = _pos;
                SkipWhiteSpace();
                if (!AtEnd && (_text[_pos] is '\'' or '"' || (char.IsAsciiLetter(_text[_pos]) && LooksLikePrefixedString())))
                {
                    result += ParseString();
                    continue;
                }

                _pos = save;
                return result;
            }
        }

        private bool LooksLikePrefixedString()
        {
            var p = _pos;
            while (p < _text.Length && p - _pos < 2 && char.IsAsciiLetter(_text[p]))
            {
                p++;
            }

            return p < _text.Length && _text[p] is '\'' or '"' && IsStringPrefix(_text.AsSpan(_pos, p - _pos));
        }

        private string ParseString()
        {
            var raw = false;
            while (_text[_pos] is not ('\'' or '"'))
            {
                raw |= _text[_pos] is 'r' or 'R';
                _pos++;
            }

            var quote = _text[_pos];
            var triple = _pos + 2 < _text.Length && _text[_pos + 1] == quote && _text[_pos + 2] == quote;
            var start = _pos;
            _pos += triple ? 3 : 1;
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    _pos = start;
                    throw Error("unterminated string");
                }

                var c = _text[_pos];
                if (c == quote && (!triple || (_pos + 2 < _text.Length && _text[_pos + 1] == quote && _text[_pos + 2] == quote)))
                {
                    _pos += triple ? 3 : 1;
                    return sb.ToString();
                }

                if (c == '\n' && !triple)
                {
                    throw Error("line break inside a single-quoted string");
                }

                if (c == '\\')
                {
                    if (raw)
                    {
                        sb.Append(c);
                        _pos++;
                        if (!AtEnd)
                        {
                            sb.Append(_text[_pos]);
                            _pos++;
                        }

                        continue;
                    }

                    ParseEscape(sb);
                    continue;
                }

                sb.Append(c);
                _pos++;
            }
        }

        private void ParseEscape(StringBuilder sb)
        {
            _pos++; // backslash
            if (AtEnd)
            {
                throw Error("a backslash ends the text");
            }

            var e = _text[_pos++];
            switch (e)
            {
                case '\\': sb.Append('\\'); return;
                case '\'': sb.Append('\''); return;
                case '"': sb.Append('"'); return;
                case 'n': sb.Append('\n'); return;
                case 't': sb.Append('\t'); return;
                case 'r': sb.Append('\r'); return;
                case 'a': sb.Append('\a'); return;
                case 'b': sb.Append('\b'); return;
                case 'f': sb.Append('\f'); return;
                case 'v': sb.Append('\v'); return;
                case '\n': return; // line continuation
                case 'x': AppendCodePoint(sb, ReadHex(2)); return;
                case 'u': AppendCodePoint(sb, ReadHex(4)); return;
                case 'U': AppendCodePoint(sb, ReadHex(8)); return;
            }

            if (e is >= '0' and <= '7')
            {
                var value = e - '0';
                for (var i = 0; i < 2 && !AtEnd && _text[_pos] is >= '0' and <= '7'; i++)
                {
                    value = (value * 8) + (_text[_pos++] - '0');
                }

                AppendCodePoint(sb, value);
                return;
            }

            // Python keeps unknown escapes as they are.
            sb.Append('\\').Append(e);
        }

        private int ReadHex(int digits)
        {
            if (_pos + digits > _text.Length ||
                !int.TryParse(_text.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw Error($"a \\x, \\u or \\U escape needs {digits} hex digits");
            }

            _pos += digits;
            return value;
        }

        private void AppendCodePoint(StringBuilder sb, int codePoint)
        {
            if (codePoint is < 0 or > 0x10FFFF)
            {
                throw Error($"escape U+{codePoint:X} is not a valid code point");
            }

            if (codePoint is >= 0xD800 and <= 0xDFFF)
            {
                sb.Append((char)codePoint);
            }
            else
            {
                sb.Append(char.ConvertFromUtf32(codePoint));
            }
        }

        private object ParseNumber()
        {
            var start = _pos;
            if (_text[_pos] is '-' or '+')
            {
                _pos++;
            }

            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '.' or '_' ||
                                           (_text[_pos] is '-' or '+' && _text[_pos - 1] is 'e' or 'E')))
            {
                _pos++;
            }

            var token = _text.AsSpan(start, _pos - start).ToString().Replace("_", "", StringComparison.Ordinal);
            if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return integer;
            }

            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                return real;
            }

            _pos = start;
            throw Error($"'{token}' is not a number");
        }

        private bool TryConsume(char c)
        {
            if (_pos < _text.Length && _text[_pos] == c)
            {
                _pos++;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (!TryConsume(c))
            {
                throw AtEnd ? Error($"'{c}' is expected but the text ends") : Error($"'{c}' is expected, found '{_text[_pos]}'");
            }
        }
    }
}
