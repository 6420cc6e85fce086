using OpenSda.Formats.Text;

namespace OpenSda.Formats.Ccsds.Lexical;

/// <summary>Kind of a <see cref="KvnToken"/>.</summary>
public enum KvnTokenKind
{
    /// <summary><c>KEYWORD = value [units]</c>.</summary>
    KeyValue,

    /// <summary><c>COMMENT free text</c> (CCSDS 502.0-B-3 §7.8): <see cref="KvnToken.Value"/> holds the text.</summary>
    Comment,

    /// <summary>A block start such as <c>META_START</c>, <c>COVARIANCE_START</c>, <c>DATA_START</c>, <c>USER_DEFINED_START</c>: <see cref="KvnToken.Key"/> holds the block name without the suffix.</summary>
    BlockStart,

    /// <summary>A block end such as <c>META_STOP</c> (also <c>_END</c>): <see cref="KvnToken.Key"/> holds the block name.</summary>
    BlockEnd,

    /// <summary>Any other non-blank line (ephemeris lines of an OEM, covariance rows, TDM data, or garbage): <see cref="KvnToken.Value"/> holds the trimmed line.</summary>
    Raw,
}

/// <summary>One lexical unit of a KVN message, with its 1-based line number.</summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Key">Keyword (KeyValue), block name (BlockStart/End), <c>COMMENT</c>, or empty (Raw).</param>
/// <param name="Value">Value text trimmed, without units; comment text; raw line.</param>
/// <param name="Units">Units given in square brackets after the value (<c>[km]</c> → <c>km</c>), or null.</param>
/// <param name="Line">1-based line number.</param>
public readonly record struct KvnToken(KvnTokenKind Kind, string Key, string Value, string? Units, int Line)
{
    /// <summary><c>LINE: KEY = VALUE [UNITS]</c>, for messages.</summary>
    public override string ToString() => Kind switch
    {
        KvnTokenKind.KeyValue => Units is null ? $"{Line}: {Key} = {Value}" : $"{Line}: {Key} = {Value} [{Units}]",
        KvnTokenKind.Comment => $"{Line}: COMMENT {Value}",
        KvnTokenKind.BlockStart => $"{Line}: {Key}_START",
        KvnTokenKind.BlockEnd => $"{Line}: {Key}_STOP",
        _ => $"{Line}: {Value}",
    };
}

/// <summary>
/// Splits a CCSDS Keyword-Value-Notation message (CCSDS 502.0-B-3 §7 and 508.0-B-1 §6 for CDM)
/// into tokens, one per non-blank line. The rules: a keyword is upper-case letters, digits and
/// underscores; <c>=</c> separates it from the value with any amount of blank on either side
/// (Space-Track writes <c>KEY     =value</c>); an optional trailing <c>[units]</c> is split off;
/// <c>COMMENT</c> takes the rest of the line verbatim; <c>xxx_START</c> / <c>xxx_STOP</c> alone on a
/// line delimit blocks; tabs count as blanks; CR, LF and CRLF all end lines; a byte-order mark is
/// skipped. Lines that fit none of these are returned as <see cref="KvnTokenKind.Raw"/> for the
/// message reader to interpret (data lines) or reject. The tokenizer itself never fails, so every
/// message reader reports its own errors with the token's line.
/// </summary>
public static class KvnTokenizer
{
    /// <summary>All tokens of <paramref name="text"/>, in order.</summary>
    public static List<KvnToken> Tokenize(ReadOnlySpan<char> text)
    {
        var tokens = new List<KvnToken>();
        var cursor = new LineCursor(text);
        while (cursor.MoveNext())
        {
            var t = Trim(cursor.Current);
            if (t.IsEmpty)
                continue;
            tokens.Add(TokenizeLine(t, cursor.LineNumber));
        }
        return tokens;
    }

    /// <summary>Tokenizes one line that is known to be non-blank.</summary>
    public static KvnToken TokenizeLine(ReadOnlySpan<char> line, int lineNumber)
    {
        var t = Trim(line);
        if (t.StartsWith("COMMENT", StringComparison.Ordinal) && (t.Length == 7 || IsBlank(t[7])))
            return new KvnToken(KvnTokenKind.Comment, "COMMENT", Trim(t[7..]).ToString(), null, lineNumber);

        var eq = t.IndexOf('=');
        if (eq > 0)
        {
            var key = Trim(t[..eq]);
            if (IsKeyword(key))
            {
                var value = Trim(t[(eq + 1)..]);
                string? units = null;
                if (value.Length >= 2 && value[^1] == ']')
                {
                    var open = value.LastIndexOf('[');
                    if (open >= 0)
                    {
                        units = Trim(value[(open + 1)..^1]).ToString();
                        value = Trim(value[..open]);
                    }
                }
                // Space-Track writes "COMMENT =text" too.
                if (key.SequenceEqual("COMMENT"))
                    return new KvnToken(KvnTokenKind.Comment, "COMMENT", value.ToString(), null, lineNumber);
                return new KvnToken(KvnTokenKind.KeyValue, key.ToString(), value.ToString(), units, lineNumber);
            }
        }
        else if (IsKeyword(t))
        {
            if (t.EndsWith("_START", StringComparison.Ordinal))
                return new KvnToken(KvnTokenKind.BlockStart, t[..^6].ToString(), string.Empty, null, lineNumber);
            if (t.EndsWith("_STOP", StringComparison.Ordinal))
                return new KvnToken(KvnTokenKind.BlockEnd, t[..^5].ToString(), string.Empty, null, lineNumber);
            if (t.EndsWith("_END", StringComparison.Ordinal))
                return new KvnToken(KvnTokenKind.BlockEnd, t[..^4].ToString(), string.Empty, null, lineNumber);
        }
        return new KvnToken(KvnTokenKind.Raw, string.Empty, t.ToString(), null, lineNumber);
    }

    /// <summary>True for a CCSDS keyword: upper-case letter first, then upper-case letters, digits, underscores.</summary>
    public static bool IsKeyword(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s[0] is < 'A' or > 'Z')
            return false;
        foreach (var c in s)
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
                return false;
        return true;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\u00A0';

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> s) => s.Trim(" \t\u00A0\uFEFF");
}
