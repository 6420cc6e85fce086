namespace OpenSda.Formats.Text;

/// <summary>
/// Walks the lines of a text span without allocating: LF, CRLF and lone CR all end a line; a
/// leading byte-order mark (U+FEFF) is skipped. Line numbers are 1-based.
/// </summary>
internal ref struct LineCursor
{
    private readonly ReadOnlySpan<char> _text;
    private int _pos;

    public LineCursor(ReadOnlySpan<char> text)
    {
        _text = text;
        _pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        LineNumber = 0;
        Current = default;
    }

    /// <summary>The current line, without its terminator.</summary>
    public ReadOnlySpan<char> Current { get; private set; }

    /// <summary>1-based number of <see cref="Current"/>.</summary>
    public int LineNumber { get; private set; }

    public bool MoveNext()
    {
        if (_pos >= _text.Length)
            return false;
        var rest = _text[_pos..];
        var end = rest.IndexOfAny('\n', '\r');
        LineNumber++;
        if (end < 0)
        {
            Current = rest;
            _pos = _text.Length;
            return true;
        }
        Current = rest[..end];
        _pos += end + 1;
        if (rest[end] == '\r' && _pos < _text.Length && _text[_pos] == '\n')
            _pos++;
        return true;
    }
}
