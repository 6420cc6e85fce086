namespace OpenSda.Formats.Ccsds.Omm;

/// <summary>
/// The raw keyword values of one OMM record, stored as spans of a reusable buffer so that bulk
/// readers (CSV, JSON) allocate no string per field. Reset between records.
/// </summary>
internal sealed class OmmFields
{
    private char[] _buffer = new char[2048];
    private int _used;
    private readonly int[] _start = new int[OmmKeywords.Count];
    private readonly int[] _length = new int[OmmKeywords.Count];
    private readonly int[] _line = new int[OmmKeywords.Count];

    public OmmFields() => Clear();

    /// <summary>Line of the record's first keyword (for provenance).</summary>
    public int RecordLine { get; set; }

    public void Clear()
    {
        Array.Fill(_length, -1);
        _used = 0;
        RecordLine = 0;
    }

    /// <summary>Stores a value; returns false when the keyword was already present (a duplicate).</summary>
    public bool Set(OmmKeyword key, ReadOnlySpan<char> value, int line)
    {
        var i = (int)key;
        if (key is OmmKeyword.COMMENT or OmmKeyword.USER_DEFINED)
            return true; // kept out of the element set; repeated by design
        var duplicate = _length[i] >= 0;
        if (_used + value.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + value.Length));
        value.CopyTo(_buffer.AsSpan(_used));
        _start[i] = _used;
        _length[i] = value.Length;
        _line[i] = line;
        _used += value.Length;
        if (RecordLine == 0 || line < RecordLine)
            RecordLine = line;
        return !duplicate;
    }

    public bool Has(OmmKeyword key) => _length[(int)key] >= 0;

    /// <summary>The value with surrounding blanks removed; empty when absent.</summary>
    public ReadOnlySpan<char> Get(OmmKeyword key)
    {
        var i = (int)key;
        return _length[i] < 0 ? default : _buffer.AsSpan(_start[i], _length[i]).Trim();
    }

    public int Line(OmmKeyword key) => _length[(int)key] < 0 ? RecordLine : _line[(int)key];
}
