using System.Globalization;
using System.Text;
using OpenSda.Formats.Catalog;
using OpenSda.Formats.Text;
using OpenSda.Orbits;
using OpenSda.Time;

namespace OpenSda.Formats.Tle;

/// <summary>Result of parsing one TLE (two lines and an optional name).</summary>
/// <param name="Entry">The element set, or null when it was rejected.</param>
/// <param name="Diagnostics">Warnings (entry kept) and errors (entry rejected).</param>
public sealed record TleParseResult(CatalogEntry? Entry, IReadOnlyList<FormatDiagnostic> Diagnostics)
{
    /// <summary>True when an entry was produced.</summary>
    public bool Success => Entry is not null;
}

/// <summary>
/// Parses NORAD two-line element sets by fixed columns (Spacetrack Report No. 3, Hoots and
/// Roehrich 1980; CelesTrak "NORAD Two-Line Element Set Format"), with the leniency real feeds
/// need: Alpha-5 catalog numbers, blank international designator, blank ephemeris type and element
/// number, exponent fields with or without sign (<c> 12345-3</c>, <c>+00000+0</c>, <c>-11606-4</c>),
/// non-breaking spaces, text after column 69 (Vallado's SGP4-VER.TLE start/stop/step) ignored, and
/// checksum mismatches reported as warnings unless <see cref="TleReadOptions.StrictChecksums"/>.
/// Epoch years 57-99 are 1957-1999 and 00-56 are 2000-2056.
/// </summary>
public static class TleParser
{
    /// <summary>Column template of line 1: N digit, A letter/digit/blank, C classification, + sign or blank.</summary>
    public const string Line1Template = "1 NNNNNC NNNNNAAA NNNNN.NNNNNNNN +.NNNNNNNN +NNNNN-N +NNNNN-N N NNNNN";

    /// <summary>Column template of line 2.</summary>
    public const string Line2Template = "2 NNNNN NNN.NNNN NNN.NNNN NNNNNNN NNN.NNNN NNN.NNNN NN.NNNNNNNNNNNNNN";

    /// <summary>Parses one element set given as two lines (and an optional name, with or without the <c>0 </c> prefix).</summary>
    public static TleParseResult Parse(string line1, string line2, string? name = null, TleReadOptions? options = null, string source = "<tle>")
    {
        ArgumentNullException.ThrowIfNull(line1);
        ArgumentNullException.ThrowIfNull(line2);
        var diags = new List<FormatDiagnostic>();
        var cleanName = name is null ? null : CleanName(name.AsSpan());
        var ok = TryParse(line1, 1, line2, 2, cleanName, name is null ? 1 : 0, source, CatalogFormat.Tle, null,
            options ?? TleReadOptions.Default, diags, out var entry);
        return new TleParseResult(ok ? entry : null, diags);
    }

    /// <summary>A name line without its <c>0 </c> prefix and surrounding blanks; null when empty.</summary>
    internal static string? CleanName(ReadOnlySpan<char> line)
    {
        var t = TrimAll(line);
        if (t.Length >= 2 && t[0] == '0' && IsBlank(t[1]))
            t = TrimAll(t[2..]);
        return t.IsEmpty ? null : t.ToString();
    }

    internal static bool IsBlank(char c) => c is ' ' or '\u00A0' or '\t';

    internal static ReadOnlySpan<char> TrimAll(ReadOnlySpan<char> s)
    {
        var a = 0;
        var b = s.Length;
        while (a < b && (IsBlank(s[a]) || s[a] == '\uFEFF')) a++;
        while (b > a && IsBlank(s[b - 1])) b--;
        return s[a..b];
    }

    /// <summary>
    /// Core parser. <paramref name="recordLine"/> is the line reported in the provenance (the name
    /// line for a 3LE); 0 means "line 1".
    /// </summary>
    internal static bool TryParse(
        ReadOnlySpan<char> raw1, int line1No, ReadOnlySpan<char> raw2, int line2No,
        string? name, int recordLine, string source, CatalogFormat format, DateTimeOffset? retrieved,
        TleReadOptions options, List<FormatDiagnostic> diags, out CatalogEntry? entry)
    {
        entry = null;
        Span<char> l1 = stackalloc char[69];
        Span<char> l2 = stackalloc char[69];
        var len1 = Normalize(raw1, l1);
        var len2 = Normalize(raw2, l2);
        var ctx1 = new LineContext(source, line1No, raw1, Line1Template, diags);
        var ctx2 = new LineContext(source, line2No, raw2, Line2Template, diags);

        if (l1[0] != '1')
            return ctx1.Fail("LINE1", 0, 1, "expected '1' in column 1 (line number of a TLE line 1)");
        if (l2[0] != '2')
            return ctx2.Fail("LINE2", 0, 1, "expected '2' in column 1 (line number of a TLE line 2)");
        if (len1 < 61)
            return ctx1.Fail("LINE1", len1, 69 - len1, $"line 1 is {len1} columns long; expected 69 (at least 61, through B*)");
        if (len2 < 63)
            return ctx2.Fail("LINE2", len2, 69 - len2, $"line 2 is {len2} columns long; expected 69 (at least 63, through mean motion)");

        // Field separators (blank columns) catch shifted lines before their fields are misread.
        ReadOnlySpan<int> sep1 = [1, 8, 17, 32, 43, 52];
        foreach (var c in sep1)
            if (l1[c] != ' ')
                return ctx1.Fail("LINE1", c, 1, $"column {c + 1} must be blank (field separator); the line looks shifted");
        ReadOnlySpan<int> sep2 = [1, 7, 16, 25, 33, 42, 51];
        foreach (var c in sep2)
            if (l2[c] != ' ')
                return ctx2.Fail("LINE2", c, 1, $"column {c + 1} must be blank (field separator); the line looks shifted");

        // ---- line 1 ----
        var satText = TrimAll(l1.Slice(2, 5));
        if (!Alpha5.TryDecode(satText, out var satnum))
            return ctx1.Fail("NORAD_CAT_ID", 2, 5, $"expected a catalog number (5 digits, or Alpha-5 letter A-Z without I/O and 4 digits) in columns 3-7, found \"{l1.Slice(2, 5)}\"");
        var cls = l1[7] == ' ' ? 'U' : l1[7];
        if (cls is not ('U' or 'C' or 'S'))
            return ctx1.Fail("CLASSIFICATION_TYPE", 7, 1, $"expected U, C or S in column 8, found '{cls}'");

        string? intl = null;
        var desig = TrimAll(l1.Slice(9, 8));
        if (!desig.IsEmpty)
        {
            intl = LongDesignator(desig);
            if (intl is null)
                ctx1.Warn("OBJECT_ID", 9, 8, $"expected an international designator YYNNNPPP (launch year, launch number, piece) in columns 10-17, found \"{desig}\"; left blank");
        }

        var yy = l1.Slice(18, 2);
        if (!Numbers.TryInt(yy, out var epochYy) || yy[1] == ' ')
            return ctx1.Fail("EPOCH", 18, 2, $"expected a 2-digit epoch year in columns 19-20, found \"{yy}\"");
        if (!Numbers.TryDouble(l1.Slice(20, 12), out var doy) || doy < 1.0 || doy >= 367.0)
            return ctx1.Fail("EPOCH", 20, 12, $"expected the epoch day of year DDD.DDDDDDDD (1 to 366.99999999) in columns 21-32, found \"{l1.Slice(20, 12)}\"");
        var year = epochYy < 57 ? 2000 + epochYy : 1900 + epochYy;

        if (!TryNdot(l1.Slice(33, 10), out var ndot))
            return ctx1.Fail("MEAN_MOTION_DOT", 33, 10, $"expected mean motion derivative / 2 as +.NNNNNNNN in columns 34-43, found \"{l1.Slice(33, 10)}\"");
        if (!TryExponent(l1.Slice(44, 8), out var nddot))
            return ctx1.Fail("MEAN_MOTION_DDOT", 44, 8, $"expected second derivative / 6 as +NNNNN-N (implied leading decimal point, power of ten) in columns 45-52, found \"{l1.Slice(44, 8)}\"");
        if (!TryExponent(l1.Slice(53, 8), out var bstar))
            return ctx1.Fail("BSTAR", 53, 8, $"expected B* as +NNNNN-N (implied leading decimal point, power of ten) in columns 54-61, found \"{l1.Slice(53, 8)}\"");
        var eph = 0;
        if (len1 > 62 && l1[62] != ' ')
        {
            if (l1[62] is < '0' or > '9')
                return ctx1.Fail("EPHEMERIS_TYPE", 62, 1, $"expected a digit or blank in column 63, found '{l1[62]}'");
            eph = l1[62] - '0';
        }
        var elset = 0;
        var elText = l1.Slice(64, 4);
        if (!TrimAll(elText).IsEmpty && !Numbers.TryInt(elText, out elset))
            return ctx1.Fail("ELEMENT_SET_NO", 64, 4, $"expected the element set number (up to 4 digits) in columns 65-68, found \"{elText}\"");

        // ---- line 2 ----
        if (!Alpha5.TryDecode(TrimAll(l2.Slice(2, 5)), out var satnum2))
            return ctx2.Fail("NORAD_CAT_ID", 2, 5, $"expected a catalog number (5 digits or Alpha-5) in columns 3-7, found \"{l2.Slice(2, 5)}\"");
        if (satnum2 != satnum)
            return ctx2.Fail("NORAD_CAT_ID", 2, 5, $"line 2 catalog number \"{l2.Slice(2, 5)}\" differs from line 1 \"{l1.Slice(2, 5)}\"");
        if (!TryAngle(l2.Slice(8, 8), 180.0, out var incl))
            return ctx2.Fail("INCLINATION", 8, 8, $"expected inclination NNN.NNNN degrees (0 to 180) in columns 9-16, found \"{l2.Slice(8, 8)}\"");
        if (!TryAngle(l2.Slice(17, 8), 360.0, out var raan))
            return ctx2.Fail("RA_OF_ASC_NODE", 17, 8, $"expected right ascension of the node NNN.NNNN degrees (0 to 360) in columns 18-25, found \"{l2.Slice(17, 8)}\"");
        if (!TryImpliedDecimal(l2.Slice(26, 7), out var ecc))
            return ctx2.Fail("ECCENTRICITY", 26, 7, $"expected eccentricity as 7 digits with an implied leading decimal point in columns 27-33, found \"{l2.Slice(26, 7)}\"");
        if (!TryAngle(l2.Slice(34, 8), 360.0, out var argp))
            return ctx2.Fail("ARG_OF_PERICENTER", 34, 8, $"expected argument of perigee NNN.NNNN degrees (0 to 360) in columns 35-42, found \"{l2.Slice(34, 8)}\"");
        if (!TryAngle(l2.Slice(43, 8), 360.0, out var ma))
            return ctx2.Fail("MEAN_ANOMALY", 43, 8, $"expected mean anomaly NNN.NNNN degrees (0 to 360) in columns 44-51, found \"{l2.Slice(43, 8)}\"");
        if (!Numbers.TryDouble(l2.Slice(52, 11), out var n) || n <= 0.0 || l2.Slice(52, 11).Contains('e') || l2.Slice(52, 11).Contains('E'))
            return ctx2.Fail("MEAN_MOTION", 52, 11, $"expected mean motion NN.NNNNNNNN revolutions per day (positive) in columns 53-63, found \"{l2.Slice(52, 11)}\"");
        var rev = 0;
        var revText = l2.Slice(63, 5);
        if (!TrimAll(revText).IsEmpty && !Numbers.TryInt(revText, out rev))
            return ctx2.Fail("REV_AT_EPOCH", 63, 5, $"expected the revolution number at epoch (up to 5 digits) in columns 64-68, found \"{revText}\"");

        // ---- checksums (after the fields, so a record with a broken field reports that first) ----
        if (!CheckSum(ctx1, l1, len1, options) | !CheckSum(ctx2, l2, len2, options))
            return false;

        var elements = new MeanElements
        {
            CatalogNumber = satnum,
            Name = name,
            InternationalDesignator = intl,
            Classification = cls,
            EpochUtc = JulianDate.FromDayOfYear(year, doy),
            MeanMotionRevPerDay = n,
            Eccentricity = ecc,
            InclinationDeg = incl,
            RaanDeg = raan,
            ArgPerigeeDeg = argp,
            MeanAnomalyDeg = ma,
            BStar = bstar,
            MeanMotionDot = ndot,
            MeanMotionDDot = nddot,
            ElementSetNumber = elset,
            RevolutionNumber = rev,
            EphemerisType = eph,
        };
        entry = new CatalogEntry(elements, satText.ToString(), new Provenance(source, recordLine > 0 ? recordLine : line1No, format, retrieved));
        return true;
    }

    private static bool CheckSum(LineContext ctx, ReadOnlySpan<char> line, int len, TleReadOptions options)
    {
        var expected = TleChecksum.Compute(line);
        var severity = options.StrictChecksums ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        if (len < 69 || line[68] == ' ')
        {
            ctx.Report(severity, "CHECKSUM", 68, 1, $"no checksum in column 69; expected {expected} (sum of digits, '-' counts 1, modulo 10)");
            return !options.StrictChecksums;
        }
        var c = line[68];
        if (c is < '0' or > '9' || c - '0' != expected)
        {
            ctx.Report(severity, "CHECKSUM", 68, 1, $"expected {expected} in column 69 (sum of digits, '-' counts 1, modulo 10), found '{c}'");
            return !options.StrictChecksums;
        }
        return true;
    }

    /// <summary>Copies the first 69 columns, NBSP and tab → blank, pads with blanks; returns the trimmed length.</summary>
    private static int Normalize(ReadOnlySpan<char> raw, Span<char> dst)
    {
        dst.Fill(' ');
        if (raw.Length > 0 && raw[0] == '\uFEFF')
            raw = raw[1..];
        var n = Math.Min(raw.Length, dst.Length);
        var last = 0;
        for (var i = 0; i < n; i++)
        {
            var c = raw[i];
            if (c is '\u00A0' or '\t')
                c = ' ';
            dst[i] = c;
            if (c != ' ')
                last = i + 1;
        }
        return last;
    }

    /// <summary>TLE designator "98067A" → "1998-067A" ("70025" → "1970-025"); null when malformed.</summary>
    internal static string? LongDesignator(ReadOnlySpan<char> d)
    {
        // Analyst objects (80000+) often carry only year and launch number ("70025", no piece).
        if (d.Length < 5 || d.Length > 8)
            return null;
        for (var i = 0; i < 5; i++)
            if (d[i] is < '0' or > '9')
                return null;
        foreach (var c in d[5..])
            if (c is < 'A' or > 'Z')
                return null;
        var yy = (d[0] - '0') * 10 + (d[1] - '0');
        var century = yy < 57 ? "20" : "19";
        return string.Concat(century, d[..2], "-", d[2..]);
    }

    /// <summary>" .00001195", "-.00000084", "+.00000153", also with a leading 0.</summary>
    private static bool TryNdot(ReadOnlySpan<char> s, out double v)
    {
        var t = TrimAll(s);
        if (t.IsEmpty) { v = 0; return true; }
        return Numbers.TryDouble(t, out v) && !t.Contains('e') && !t.Contains('E');
    }

    /// <summary>Angle in degrees with an optional decimal point; blanks are not allowed.</summary>
    private static bool TryAngle(ReadOnlySpan<char> s, double max, out double v)
    {
        var t = TrimAll(s);
        if (t.IsEmpty || t.Contains('e') || t.Contains('E') || !Numbers.TryDouble(t, out v))
        {
            v = 0;
            return false;
        }
        return v >= 0.0 && v <= max;
    }

    /// <summary>Eccentricity digits with an implied leading "0."; blanks count as zeros (as in Vallado's <c>twoline2rv</c>).</summary>
    private static bool TryImpliedDecimal(ReadOnlySpan<char> s, out double v)
    {
        long digits = 0;
        var any = false;
        foreach (var c in s)
        {
            if (c == ' ') { digits *= 10; continue; }
            if (c is < '0' or > '9') { v = 0; return false; }
            digits = digits * 10 + (c - '0');
            any = true;
        }
        v = digits / Pow10(s.Length);
        return any || s.Length > 0;
    }

    /// <summary>
    /// Decodes the TLE "exponential" fields: optional sign, mantissa digits with an implied leading
    /// decimal point, then a signed power of ten: <c> 12345-3</c> = 0.12345e-3, <c>-11606-4</c>,
    /// <c>+00000+0</c>, <c>00000-0</c>. All blank reads as 0.
    /// </summary>
    internal static bool TryExponent(ReadOnlySpan<char> s, out double v)
    {
        v = 0;
        var t = TrimAll(s);
        if (t.IsEmpty)
            return true;
        var sign = 1.0;
        var i = 0;
        if (t[0] is '+' or '-')
        {
            sign = t[0] == '-' ? -1.0 : 1.0;
            i = 1;
        }
        if (i < t.Length && t[i] == '.')
            i++; // tolerate an explicit decimal point (".12345-3")
        long mant = 0;
        var nd = 0;
        while (i < t.Length && t[i] is >= '0' and <= '9')
        {
            mant = mant * 10 + (t[i] - '0');
            nd++;
            i++;
        }
        if (nd == 0 || nd > 9)
            return false;
        var exp = 0;
        if (i < t.Length)
        {
            if (t[i] is not ('+' or '-') || i + 1 >= t.Length)
                return false;
            var esign = t[i] == '-' ? -1 : 1;
            i++;
            var ne = 0;
            while (i < t.Length && t[i] is >= '0' and <= '9')
            {
                exp = exp * 10 + (t[i] - '0');
                ne++;
                i++;
            }
            if (ne == 0 || i != t.Length)
                return false;
            exp *= esign;
        }
        v = sign * mant / Pow10(nd) * Math.Pow(10.0, exp);
        return true;
    }

    private static double Pow10(int n)
    {
        var p = 1.0;
        for (var k = 0; k < n; k++) p *= 10.0;
        return p;
    }

    /// <summary>Reports diagnostics for one physical TLE line with the column template and carets.</summary>
    private readonly ref struct LineContext(string source, int lineNo, ReadOnlySpan<char> raw, string template, List<FormatDiagnostic> diags)
    {
        private readonly ReadOnlySpan<char> _raw = raw;

        public bool Fail(string field, int col, int width, string message)
        {
            Report(DiagnosticSeverity.Error, field, col, width, message);
            return false;
        }

        public void Warn(string field, int col, int width, string message) =>
            Report(DiagnosticSeverity.Warning, field, col, width, message);

        public void Report(DiagnosticSeverity severity, string field, int col, int width, string message)
        {
            var shown = _raw.Length > 0 && _raw[0] == '\uFEFF' ? _raw[1..] : _raw;
            var sb = new StringBuilder(3 * 72);
            sb.Append(template).Append('\n');
            foreach (var c in shown)
                sb.Append(c is '\u00A0' or '\t' ? ' ' : c < ' ' ? '?' : c);
            sb.Append('\n').Append(' ', col).Append('^', Math.Max(1, width));
            diags.Add(new FormatDiagnostic(severity, source, lineNo, field, message, sb.ToString()));
        }
    }
}
