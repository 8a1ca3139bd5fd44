using System.Text;

namespace LlmSeqRec.Data.Formats;

/// <summary>
/// Streams the records of an RFC 4180 CSV file: comma separated, fields optionally double-quoted,
/// embedded quotes doubled, quoted fields may span lines. Blank lines are skipped. Malformed records
/// raise <see cref="DatasetFormatException"/> with the file and line; the reader then continues at the next line,
/// so a caller that skips bad lines can go on reading.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly string _file;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private long _line = 1;

    /// <param name="reader">The text to read; disposed with this reader.</param>
    /// <param name="file">The file name used in error messages.</param>
    public CsvRecordReader(TextReader reader, string file)
    {
        _reader = reader;
        _file = file;
    }

    /// <summary>The file name used in error messages.</summary>
    public string File => _file;

    /// <summary>1-based line on which the record last returned by <see cref="TryRead"/> starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the file.</summary>
    public bool TryRead(List<string> fields)
    {
        fields.Clear();
        while (true)
        {
            var c = Peek();
            if (c < 0)
            {
                return false;
            }

            if (c is '\r' or '\n')
            {
                ConsumeNewline();
                continue;
            }

            break;
        }

        RecordLine = _line;
        while (true)
        {
            var endOfRecord = ReadField(fields);
            if (endOfRecord)
            {
                return true;
            }
        }
    }

    /// <summary>Reads one field; returns true when it ended the record.</summary>
    private bool ReadField(List<string> fields)
    {
        _field.Clear();
        if (Peek() == '"')
        {
            Read();
            var startLine = _line;
            while (true)
            {
                var c = Read();
                if (c < 0)
                {
                    throw Fail(startLine, "unterminated quoted field (a closing '\"' is missing)");
                }

                if (c == '"')
                {
                    if (Peek() == '"')
                    {
                        Read();
                        _field.Append('"');
                        continue;
                    }

                    break;
                }

                if (c == '\n')
                {
                    _line++;
                }

                _field.Append((char)c);
            }

            fields.Add(_field.ToString());
            var next = Peek();
            if (next == ',')
            {
                Read();
                return false;
            }

            if (next < 0 || next is '\r' or '\n')
            {
                ConsumeNewline();
                return true;
            }

            var line = _line;
            SkipRestOfLine();
            throw Fail(line, $"unexpected character '{(char)next}' after a closing quote (field {fields.Count})");
        }

        while (true)
        {
            var c = Peek();
            if (c < 0 || c is '\r' or '\n')
            {
                fields.Add(_field.ToString());
                ConsumeNewline();
                return true;
            }

            Read();
            if (c == ',')
            {
                fields.Add(_field.ToString());
                return false;
            }

            if (c == '"')
            {
                var line = _line;
                SkipRestOfLine();
                throw Fail(line, $"a '\"' inside an unquoted field (field {fields.Count + 1}); quote the field and double the quote");
            }

            _field.Append((char)c);
        }
    }

    private DatasetFormatException Fail(long line, string reason) => new(_file, line, null, reason);

    private void SkipRestOfLine()
    {
        while (true)
        {
            var c = Peek();
            if (c < 0 || c is '\r' or '\n')
            {
                ConsumeNewline();
                return;
            }

            Read();
        }
    }

    private void ConsumeNewline()
    {
        var c = Peek();
        if (c == '\r')
        {
            Read();
            if (Peek() == '\n')
            {
                Read();
            }

            _line++;
        }
        else if (c == '\n')
        {
            Read();
            _line++;
        }
    }

    private int Peek()
    {
        if (_position == _length && !Fill())
        {
            return -1;
        }

        return _buffer[_position];
    }

    private int Read()
    {
        if (_position == _length && !Fill())
        {
            return -1;
        }

        return _buffer[_position++];
    }

    private bool Fill()
    {
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
