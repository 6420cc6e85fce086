using System.IO.Compression;
using System.Text;
using OpenSda.Formats.Ccsds.Omm;
using OpenSda.Formats.Tle;

namespace OpenSda.Formats.Catalog;

/// <summary>Options for <see cref="CatalogLoader"/>.</summary>
public sealed record CatalogLoadOptions
{
    /// <summary>Defaults: detect the format, lenient checksums.</summary>
    public static CatalogLoadOptions Default { get; } = new();

    /// <summary>Reject TLEs whose checksum is wrong or missing (default: warn and keep).</summary>
    public bool StrictChecksums { get; init; }

    /// <summary>Force a format instead of detecting it from the content.</summary>
    public CatalogFormat? Format { get; init; }

    /// <summary>Retrieval time recorded in each entry's provenance; files default to their last-write time.</summary>
    public DateTimeOffset? RetrievedUtc { get; init; }

    /// <summary>Largest input accepted, in bytes after decompression (default 1 GiB).</summary>
    public long MaxBytes { get; init; } = 1L << 30;
}

/// <summary>
/// Loads an element-set catalog from a file, stream or text, detecting the encoding from the
/// content (gzip by its magic bytes 1F 8B; then XML, JSON, CCSDS KVN, OMM CSV or TLE/3LE by the
/// first significant characters), not from the file name. Never throws for bad records or
/// unreadable input: everything is reported in the <see cref="CatalogLoadResult"/>.
/// </summary>
public static class CatalogLoader
{
    /// <summary>Loads a catalog file (plain or gzip-compressed).</summary>
    public static CatalogLoadResult LoadFile(string path, CatalogLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= CatalogLoadOptions.Default;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var opts = options.RetrievedUtc is null ? options with { RetrievedUtc = File.GetLastWriteTimeUtc(path) } : options;
            return Load(stream, path, opts);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return CatalogLoadResult.Failed(path, "cannot read file: " + ex.Message);
        }
    }

    /// <summary>Loads a catalog from a stream (read to the end; plain or gzip-compressed).</summary>
    public static CatalogLoadResult Load(Stream stream, string source, CatalogLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CatalogLoadOptions.Default;
        byte[] bytes;
        try
        {
            bytes = ReadAll(stream, options.MaxBytes);
            if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
            {
                using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                bytes = ReadAll(gz, options.MaxBytes);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or NotSupportedException)
        {
            return CatalogLoadResult.Failed(source, "cannot read input: " + ex.Message);
        }
        return LoadBytes(bytes, source, options);
    }

    /// <summary>Loads a catalog held in memory as text.</summary>
    public static CatalogLoadResult LoadText(string text, string source, CatalogLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CatalogLoadOptions.Default;
        var format = options.Format ?? DetectFormat(text);
        return Dispatch(text, null, format, source, options);
    }

    private static CatalogLoadResult LoadBytes(byte[] bytes, string source, CatalogLoadOptions options)
    {
        string text;
        try
        {
            text = Decode(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            return CatalogLoadResult.Failed(source, "input is not valid text: " + ex.Message);
        }
        var format = options.Format ?? DetectFormat(text);
        return Dispatch(text, bytes, format, source, options);
    }

    private static CatalogLoadResult Dispatch(string text, byte[]? bytes, CatalogFormat format, string source, CatalogLoadOptions options)
    {
        var retrieved = options.RetrievedUtc;
        switch (format)
        {
            case CatalogFormat.Tle:
                return TleReader.Read(text, source, new TleReadOptions { StrictChecksums = options.StrictChecksums }, retrieved);
            case CatalogFormat.OmmCsv:
                return OmmReader.ReadCsv(text, source, retrieved);
            case CatalogFormat.OmmKvn:
                return OmmReader.ReadKvn(text, source, retrieved);
            case CatalogFormat.OmmXml:
                return OmmReader.ReadXml(text, source, retrieved);
            case CatalogFormat.OmmJson:
                return bytes is not null && !HasNonUtf8Bom(bytes)
                    ? OmmReader.ReadJson(bytes, source, retrieved)
                    : OmmReader.ReadJson(Encoding.UTF8.GetBytes(text), source, retrieved);
            default:
                return CatalogLoadResult.Failed(source,
                    "unrecognised catalog format: expected TLE/3LE lines, OMM CSV with a header row, CCSDS OMM KVN or XML, or GP JSON");
        }
    }

    /// <summary>
    /// Guesses the encoding from the content: <c>&lt;</c> → XML; <c>[</c> or <c>{</c> → JSON;
    /// <c>CCSDS_OMM_VERS</c> or another <c>KEYWORD = value</c> first line → KVN; a first line with
    /// commas naming OMM keywords → CSV; lines starting <c>1 </c> / <c>2 </c> (after an optional name
    /// or <c>#</c> comments) → TLE.
    /// </summary>
    public static CatalogFormat DetectFormat(ReadOnlySpan<char> text)
    {
        var t = text.TrimStart("\uFEFF \t\r\n\u00A0");
        if (t.IsEmpty)
            return CatalogFormat.Unknown;
        switch (t[0])
        {
            case '<':
                return CatalogFormat.OmmXml;
            case '[':
            case '{':
                return CatalogFormat.OmmJson;
        }
        var nl = t.IndexOfAny('\r', '\n');
        var first = nl < 0 ? t : t[..nl];
        if (first.Contains(',') && (first.Contains("NORAD_CAT_ID", StringComparison.Ordinal) || first.Contains("MEAN_MOTION", StringComparison.Ordinal)))
            return CatalogFormat.OmmCsv;
        var eq = first.IndexOf('=');
        if (eq > 0 && IsKeyword(first[..eq].TrimEnd()))
            return CatalogFormat.OmmKvn;
        if (first.StartsWith("COMMENT", StringComparison.Ordinal) && !first.StartsWith("1 ", StringComparison.Ordinal))
            return CatalogFormat.OmmKvn;

        // TLE: within the first few significant lines, a line "1 ..." followed by "2 ...".
        var lines = 0;
        var prevWasLine1 = false;
        foreach (var raw in t.EnumerateLines())
        {
            var l = raw.Trim(" \t\u00A0");
            if (l.IsEmpty || l[0] == '#')
                continue;
            if (prevWasLine1 && l.Length >= 2 && l[0] == '2' && (l[1] == ' ' || l[1] == '\u00A0'))
                return CatalogFormat.Tle;
            prevWasLine1 = l.Length >= 2 && l[0] == '1' && (l[1] == ' ' || l[1] == '\u00A0');
            if (++lines > 12)
                break;
        }
        return CatalogFormat.Unknown;
    }

    private static bool IsKeyword(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
            return false;
        foreach (var c in s)
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
                return false;
        return true;
    }

    private static bool HasNonUtf8Bom(byte[] b) =>
        (b.Length >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)));

    /// <summary>UTF-8 by default; a BOM selects UTF-8, UTF-16 LE/BE or UTF-32 LE.</summary>
    private static string Decode(byte[] b)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
            return Encoding.UTF8.GetString(b, 3, b.Length - 3);
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
            return Encoding.UTF32.GetString(b, 4, b.Length - 4);
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
            return Encoding.Unicode.GetString(b, 2, b.Length - 2);
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
            return Encoding.BigEndianUnicode.GetString(b, 2, b.Length - 2);
        return Encoding.UTF8.GetString(b);
    }

    private static byte[] ReadAll(Stream s, long max)
    {
        if (s.CanSeek)
        {
            var remaining = s.Length - s.Position;
            if (remaining > max)
                throw new IOException($"input is {remaining} bytes, over the {max}-byte limit");
            var buf = new byte[remaining];
            s.ReadExactly(buf);
            return buf;
        }
        using var ms = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = s.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (ms.Length + n > max)
                throw new IOException($"input exceeds the {max}-byte limit");
            ms.Write(chunk, 0, n);
        }
        return ms.ToArray();
    }
}
