using OpenSda.Formats.Catalog;
using OpenSda.Formats.Text;

namespace OpenSda.Formats.Tle;

/// <summary>
/// Reads a text of TLE (2LE) or 3LE element sets. Name lines are optional and may carry the
/// <c>0 </c> prefix of Space-Track 3LE; LF, CRLF and CR endings, a byte-order mark, non-breaking
/// spaces, blank lines and <c>#</c> comment lines (Vallado's SGP4-VER.TLE) are accepted. Each
/// element set that cannot be read is rejected with a diagnostic naming its line and field; the
/// read carries on with the next set.
/// </summary>
public static class TleReader
{
    /// <summary>Reads all element sets in <paramref name="text"/>.</summary>
    /// <param name="text">The whole input.</param>
    /// <param name="source">Label used in diagnostics and provenance (file name or URL).</param>
    /// <param name="options">Checksum strictness; default lenient.</param>
    /// <param name="retrievedUtc">When the input was retrieved, recorded in each entry's provenance.</param>
    public static CatalogLoadResult Read(ReadOnlySpan<char> text, string source, TleReadOptions? options = null, DateTimeOffset? retrievedUtc = null)
    {
        var acc = new CatalogAccumulator(source, CatalogFormat.Tle, retrievedUtc, text.Length / 140);
        ReadInto(text, options ?? TleReadOptions.Default, acc);
        return acc.ToResult();
    }

    /// <summary>Reads a TLE / 3LE file (UTF-8 or with a BOM naming its encoding).</summary>
    public static CatalogLoadResult ReadFile(string path, TleReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return CatalogLoadResult.Failed(path, "cannot read file: " + ex.Message, CatalogFormat.Tle);
        }
        return Read(text, path, options, File.GetLastWriteTimeUtc(path));
    }

    internal static void ReadInto(ReadOnlySpan<char> text, TleReadOptions options, CatalogAccumulator acc)
    {
        var cursor = new LineCursor(text);
        ReadOnlySpan<char> nameLine = default;
        var nameNo = 0;
        ReadOnlySpan<char> line1 = default;
        var line1No = 0;
        var diags = acc.Diagnostics;

        while (cursor.MoveNext())
        {
            var line = cursor.Current;
            var no = cursor.LineNumber;
            var t = TleParser.TrimAll(line);
            if (t.IsEmpty || t[0] == '#')
                continue;

            if (line1No != 0)
            {
                if (IsLine(t, '2'))
                {
                    var name = nameNo != 0 ? TleParser.CleanName(nameLine) : null;
                    if (TleParser.TryParse(line1, line1No, line, no, name, nameNo, acc.Source, CatalogFormat.Tle, acc.RetrievedUtc, options, diags, out var entry))
                        acc.Entries.Add(entry!);
                    else
                        acc.Rejected++;
                    line1No = 0;
                    nameNo = 0;
                    continue;
                }
                acc.Error(line1No, "LINE2", $"expected line 2 (starting \"2 \") after line 1, found line {no}: \"{Show(t)}\"");
                acc.Rejected++;
                line1No = 0;
                nameNo = 0;
            }

            if (IsLine(t, '1'))
            {
                line1 = line;
                line1No = no;
                continue;
            }
            if (IsLine(t, '2'))
            {
                // A line 2 with no line 1 before it: most often line 1 itself is damaged (and was
                // taken for a name line); name that line when it is long enough to have been one.
                if (nameNo != 0 && TleParser.TrimAll(nameLine).Length >= 60)
                    acc.Error(nameNo, "LINE1", "expected line 1 (starting \"1 \") before line 2",
                        TleParser.Line1Template + "\n" + Show(nameLine) + "\n^");
                else
                    acc.Error(no, "LINE1", "line 2 without a line 1 before it",
                        TleParser.Line2Template + "\n" + Show(line));
                acc.Rejected++;
                nameNo = 0;
                continue;
            }
            if (nameNo != 0)
                acc.Warning(nameNo, "OBJECT_NAME", $"name line \"{Show(nameLine)}\" is not followed by a TLE; ignored");
            nameLine = line;
            nameNo = no;
        }

        if (line1No != 0)
        {
            acc.Error(line1No, "LINE2", "line 1 at the end of the input without its line 2");
            acc.Rejected++;
        }
        else if (nameNo != 0)
        {
            acc.Warning(nameNo, "OBJECT_NAME", $"name line \"{Show(nameLine)}\" at the end of the input is not followed by a TLE; ignored");
        }
    }

    /// <summary>"1 " / "2 " at the start (NBSP counts as a blank), or the digit alone followed by a catalog number.</summary>
    private static bool IsLine(ReadOnlySpan<char> t, char digit) =>
        t.Length >= 2 && t[0] == digit && TleParser.IsBlank(t[1]);

    private static string Show(ReadOnlySpan<char> s)
    {
        var t = s.Length > 100 ? s[..100] : s;
        return string.Create(t.Length, t.ToString(), static (dst, src) =>
        {
            for (var i = 0; i < src.Length; i++)
                dst[i] = src[i] < ' ' ? '?' : src[i] == '\u00A0' ? ' ' : src[i];
        });
    }
}
