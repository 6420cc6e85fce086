using System.Security;
using System.Text;

namespace OpenSda.Formats.Ccsds.Common;

/// <summary>Writes aligned KVN lines (<c>KEYWORD = value [units]</c>, CCSDS 502.0-B-3 §7.4).</summary>
internal sealed class KvnWriter
{
    private readonly StringBuilder _sb = new();
    private const int KeyWidth = 32;

    public void Comment(string text) => _sb.Append("COMMENT ").Append(text).Append('\n');

    public void Comments(IEnumerable<string> comments)
    {
        foreach (var c in comments)
            Comment(c);
    }

    public void Pair(string keyword, string value, string? units = null)
    {
        _sb.Append(keyword.PadRight(KeyWidth)).Append(" = ").Append(value);
        if (!string.IsNullOrEmpty(units))
            _sb.Append(" [").Append(units).Append(']');
        _sb.Append('\n');
    }

    public void Field(CcsdsKeyValue f) => Pair(f.Keyword, f.Value, f.Units);

    public void Line(string text) => _sb.Append(text).Append('\n');

    public void Blank() => _sb.Append('\n');

    public override string ToString() => _sb.ToString();
}

/// <summary>Writes indented NDM/XML with escaped text.</summary>
internal sealed class XmlWriterLite
{
    private readonly StringBuilder _sb = new();
    private readonly Stack<string> _open = new();

    public XmlWriterLite() => _sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    public void Open(string name, params (string Name, string Value)[] attributes)
    {
        Indent();
        _sb.Append('<').Append(name);
        foreach (var (n, v) in attributes)
            _sb.Append(' ').Append(n).Append("=\"").Append(Escape(v)).Append('"');
        _sb.Append(">\n");
        _open.Push(name);
    }

    public void Close()
    {
        var name = _open.Pop();
        Indent();
        _sb.Append("</").Append(name).Append(">\n");
    }

    public void Leaf(string name, string value, string? units = null)
    {
        Indent();
        _sb.Append('<').Append(name);
        if (!string.IsNullOrEmpty(units))
            _sb.Append(" units=\"").Append(Escape(units)).Append('"');
        _sb.Append('>').Append(Escape(value)).Append("</").Append(name).Append(">\n");
    }

    public void Field(CcsdsKeyValue f)
    {
        if (f.Keyword.StartsWith("USER_DEFINED_", StringComparison.Ordinal))
        {
            Indent();
            _sb.Append("<USER_DEFINED parameter=\"").Append(Escape(f.Keyword["USER_DEFINED_".Length..])).Append("\">")
               .Append(Escape(f.Value)).Append("</USER_DEFINED>\n");
        }
        else
        {
            Leaf(f.Keyword, f.Value, f.Units);
        }
    }

    public void Comments(IEnumerable<string> comments)
    {
        foreach (var c in comments)
            Leaf("COMMENT", c);
    }

    private void Indent() => _sb.Append(' ', 2 * _open.Count);

    private static string Escape(string s) => SecurityElement.Escape(s) ?? string.Empty;

    public override string ToString() => _sb.ToString();
}
