namespace OpenSda.Formats.Ccsds.Common;

/// <summary>Accumulates one block while reading, rejecting repeated keywords; sorts into the standard's order when built.</summary>
internal sealed class BlockBuilder(int startLine)
{
    private readonly List<(CcsdsKeyValue Field, int Order)> _fields = [];
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private readonly List<string> _comments = [];

    public int StartLine { get; set; } = startLine;

    /// <summary>Keywords seen, including empty ones, with their lines.</summary>
    public IReadOnlyDictionary<string, int> Seen => _lines;

    public void Comment(string text) => _comments.Add(text);

    /// <summary>Adds a field; false when the keyword was already given (the caller reports it).</summary>
    public bool Add(string keyword, string value, string? units, int line, int order)
    {
        if (!_lines.TryAdd(keyword, line))
            return false;
        if (value.Length > 0) // empty optional values (KVN "KEY =", XML <KEY/> or nil) count as absent
            _fields.Add((new CcsdsKeyValue(keyword, value, units, line), order));
        return true;
    }

    public bool Has(string keyword) => _fields.Exists(f => f.Field.Keyword == keyword);

    public int Line(string keyword) => _lines.TryGetValue(keyword, out var l) ? l : StartLine;

    public bool Present(string keyword) => _lines.ContainsKey(keyword);

    public CcsdsBlock Build() =>
        new(_fields.Select((f, i) => (f, i)).OrderBy(x => x.f.Order).ThenBy(x => x.i).Select(x => x.f.Field), _comments);
}
