using System.Globalization;
using System.IO.Compression;

namespace OpenSda.Time;

/// <summary>
/// One tabulated Earth-orientation record, at 0h UTC of <see cref="MjdUtc"/>.
/// Polar motion x<sub>p</sub>, y<sub>p</sub> in arcseconds; UT1−UTC and excess length of day in seconds;
/// celestial-pole offsets either as IAU-1980 nutation corrections δΔψ, δΔε (arcseconds; used by the
/// IAU-76/FK5 frames) or as IAU-2000 dX, dY (arcseconds; carried but not used by the FK5 chain).
/// </summary>
public readonly record struct EopRecord(
    double MjdUtc, double XpArcsec, double YpArcsec, double Ut1MinusUtcSeconds, double LodSeconds,
    double DPsiArcsec = 0, double DEpsArcsec = 0, double DXArcsec = 0, double DYArcsec = 0);

/// <summary>Earth-orientation values at one instant (interpolated). Angles in arcseconds, times in seconds.</summary>
public readonly record struct EarthOrientation(
    double XpArcsec, double YpArcsec, double Ut1MinusUtcSeconds, double LodSeconds,
    double DPsiArcsec = 0, double DEpsArcsec = 0, bool IsCovered = true)
{
    /// <summary>Radians per arcsecond.</summary>
    public const double ArcsecToRad = Math.PI / (180.0 * 3600.0);

    /// <summary>All zero (UT1 = UTC, no polar motion, nominal day length), flagged as not covered by data.</summary>
    public static EarthOrientation Zero => new(0, 0, 0, 0, 0, 0, false);
}

/// <summary>
/// A daily table of Earth-orientation parameters (IERS EOP C04, or IERS <c>finals</c>/<c>finals2000A</c>),
/// interpolated linearly in UTC between the daily rows.
/// </summary>
/// <remarks>
/// <para>
/// Interpolation: linear between the two rows around the instant (IERS Conventions 2010, §5.5.1 allow
/// it for daily values at the 0.1 mas/0.01 ms level expected here; the sub-daily tidal terms are not modelled).
/// UT1−UTC jumps by ~1 s where a leap second falls between two rows: the later row is shifted by the
/// whole-second jump (detected as a daily change over 0.5 s) before interpolating, so UT1 itself stays continuous.
/// </para>
/// <para>
/// Outside the table (documented defaults): polar motion and nutation corrections are 0; UT1−UTC and
/// LOD hold the nearest (first or last) row's value, which for the bundled C04 file (ends 2022-11-29) is
/// UT1−UTC = −0.0192 s. <see cref="EarthOrientation.IsCovered"/> is false there and <see cref="CoverageWarning"/>
/// gives a message for callers. An empty table gives all zeros (UT1 = UTC).
/// </para>
/// </remarks>
public sealed class EarthOrientationData
{
    private readonly EopRecord[] _rows;
    private readonly EarthOrientation? _constant;

    private EarthOrientationData(EopRecord[] rows, EarthOrientation? constant, string source)
    {
        _rows = rows;
        _constant = constant;
        Source = source;
    }

    /// <summary>No data: every query returns <see cref="EarthOrientation.Zero"/>.</summary>
    public static EarthOrientationData Empty { get; } = new([], null, "none");

    /// <summary>The same values at every instant (for worked examples and what-if runs).</summary>
    public static EarthOrientationData Constant(EarthOrientation values) =>
        new([], values with { IsCovered = true }, "constant");

    /// <summary>A table from rows (sorted by MJD here; duplicate MJDs keep the last).</summary>
    public static EarthOrientationData FromRecords(IEnumerable<EopRecord> records, string source = "user records")
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records.GroupBy(r => r.MjdUtc).Select(g => g.Last()).OrderBy(r => r.MjdUtc).ToArray();
        return new EarthOrientationData(rows, null, source);
    }

    /// <summary>The rows, sorted by MJD.</summary>
    public IReadOnlyList<EopRecord> Records => _rows;

    /// <summary>Where the data came from.</summary>
    public string Source { get; }

    /// <summary>First tabulated MJD (UTC), or NaN when empty.</summary>
    public double FirstMjd => _rows.Length > 0 ? _rows[0].MjdUtc : double.NaN;

    /// <summary>Last tabulated MJD (UTC), or NaN when empty.</summary>
    public double LastMjd => _rows.Length > 0 ? _rows[^1].MjdUtc : double.NaN;

    /// <summary>True when <paramref name="mjdUtc"/> lies within the table (always true for constant data).</summary>
    public bool Covers(double mjdUtc) => _constant is not null || (_rows.Length > 0 && mjdUtc >= _rows[0].MjdUtc && mjdUtc <= _rows[^1].MjdUtc);

    /// <summary>A message for callers when <paramref name="mjdUtc"/> is outside the data, else null.</summary>
    public string? CoverageWarning(double mjdUtc)
    {
        if (Covers(mjdUtc)) return null;
        if (_rows.Length == 0)
            return "no Earth-orientation data loaded: UT1 = UTC and polar motion = 0 (errors up to ~0.9 s in UT1, ~400 m along the equator)";
        return string.Create(CultureInfo.InvariantCulture,
            $"Earth-orientation data ({Source}) cover MJD {FirstMjd:0}-{LastMjd:0}; outside, polar motion = 0 and UT1-UTC is held at the nearest value");
    }

    /// <summary>Interpolated values at UTC MJD <paramref name="mjdUtc"/> (see class remarks for out-of-range defaults).</summary>
    public EarthOrientation At(double mjdUtc)
    {
        if (_constant is { } c) return c;
        if (_rows.Length == 0) return EarthOrientation.Zero;
        if (mjdUtc <= _rows[0].MjdUtc)
        {
            var f = _rows[0];
            return mjdUtc == f.MjdUtc ? ToValues(f) : new EarthOrientation(0, 0, f.Ut1MinusUtcSeconds, f.LodSeconds, 0, 0, false);
        }
        if (mjdUtc >= _rows[^1].MjdUtc)
        {
            var l = _rows[^1];
            return mjdUtc == l.MjdUtc ? ToValues(l) : new EarthOrientation(0, 0, l.Ut1MinusUtcSeconds, l.LodSeconds, 0, 0, false);
        }
        var hi = Array.BinarySearch(_rows, new EopRecord(mjdUtc, 0, 0, 0, 0), MjdComparer.Instance);
        if (hi >= 0) return ToValues(_rows[hi]);
        hi = ~hi;
        var a = _rows[hi - 1];
        var b = _rows[hi];
        var w = (mjdUtc - a.MjdUtc) / (b.MjdUtc - a.MjdUtc);
        var ut1b = b.Ut1MinusUtcSeconds;
        var jump = ut1b - a.Ut1MinusUtcSeconds;
        if (Math.Abs(jump) > 0.5) ut1b -= Math.Round(jump); // leap second between the rows
        return new EarthOrientation(
            Lerp(a.XpArcsec, b.XpArcsec, w), Lerp(a.YpArcsec, b.YpArcsec, w),
            Lerp(a.Ut1MinusUtcSeconds, ut1b, w), Lerp(a.LodSeconds, b.LodSeconds, w),
            Lerp(a.DPsiArcsec, b.DPsiArcsec, w), Lerp(a.DEpsArcsec, b.DEpsArcsec, w));
    }

    private static double Lerp(double a, double b, double w) => a + (b - a) * w;

    private static EarthOrientation ToValues(EopRecord r) =>
        new(r.XpArcsec, r.YpArcsec, r.Ut1MinusUtcSeconds, r.LodSeconds, r.DPsiArcsec, r.DEpsArcsec);

    private sealed class MjdComparer : IComparer<EopRecord>
    {
        public static readonly MjdComparer Instance = new();
        public int Compare(EopRecord x, EopRecord y) => x.MjdUtc.CompareTo(y.MjdUtc);
    }

    // ------------------------------------------------------------------ parsers

    /// <summary>
    /// Parses IERS EOP C04 (the <c>eopc04_IAU2000.62-now</c> layout: year, month, day, MJD, x, y ["],
    /// UT1−UTC, LOD [s], dX, dY ["], then errors; whitespace-separated). Header lines (not starting
    /// with a year) are skipped; malformed data lines are reported with file, line and field and skipped.
    /// The dX, dY columns are IAU-2000 offsets and are stored as such (not as FK5 δΔψ, δΔε).
    /// </summary>
    public static EopParseResult ParseC04(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<EopRecord>();
        var errors = new List<string>();
        string? line;
        var n = 0;
        string[] names = ["year", "month", "day", "MJD", "x", "y", "UT1-UTC", "LOD", "dX", "dY"];
        while ((line = reader.ReadLine()) is not null)
        {
            n++;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts[0].Length != 4 || !parts[0].All(char.IsAsciiDigit)) continue; // header
            if (parts.Length < 10)
            {
                errors.Add($"{sourceName}:{n}: expected at least 10 fields, found {parts.Length}");
                continue;
            }
            var v = new double[10];
            var ok = true;
            for (var i = 0; i < 10 && ok; i++)
            {
                if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]))
                {
                    errors.Add($"{sourceName}:{n}: field '{names[i]}' value '{parts[i]}' is not a number");
                    ok = false;
                }
            }
            if (ok) rows.Add(new EopRecord(v[3], v[4], v[5], v[6], v[7], 0, 0, v[8], v[9]));
        }
        return new EopParseResult(rows.Count > 0 ? FromRecords(rows, sourceName) : null, errors);
    }

    /// <summary>
    /// Parses the fixed-column IERS Rapid Service <c>finals</c> layout (<c>finals2000A.all/.data/.daily</c>, or the
    /// IAU-1980 <c>finals.all</c>), using the Bulletin A columns: MJD (8–15), x (19–27) and y (38–46) ["],
    /// UT1−UTC (59–68) [s], LOD (80–86) [ms], and the celestial-pole offsets (98–106, 117–125) [mas].
    /// Set <paramref name="poleOffsetsAreIau1980"/> for <c>finals.all</c> (IAU 1980), whose offsets are δΔψ, δΔε;
    /// in <c>finals2000A</c> they are dX, dY. Rows without UT1−UTC (beyond the prediction span) end the useful data
    /// and are skipped silently; missing LOD or offsets read as 0.
    /// </summary>
    public static EopParseResult ParseFinals(TextReader reader, string sourceName, bool poleOffsetsAreIau1980 = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<EopRecord>();
        var errors = new List<string>();
        string? line;
        var n = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            n++;
            if (line.Trim().Length == 0) continue;
            if (!TryColumn(line, 8, 15, out var mjd))
            {
                errors.Add($"{sourceName}:{n}: field 'MJD' (columns 8-15) is not a number");
                continue;
            }
            if (!TryColumn(line, 59, 68, out var dut1)) continue; // no UT1 value: beyond predictions
            if (!TryColumn(line, 19, 27, out var x) || !TryColumn(line, 38, 46, out var y))
            {
                errors.Add($"{sourceName}:{n}: field 'polar motion' (columns 19-27, 38-46) is not a number");
                continue;
            }
            var lod = TryColumn(line, 80, 86, out var lodMs) ? lodMs / 1000.0 : 0.0;
            var p1 = TryColumn(line, 98, 106, out var a) ? a / 1000.0 : 0.0;
            var p2 = TryColumn(line, 117, 125, out var b) ? b / 1000.0 : 0.0;
            rows.Add(poleOffsetsAreIau1980
                ? new EopRecord(mjd, x, y, dut1, lod, p1, p2)
                : new EopRecord(mjd, x, y, dut1, lod, 0, 0, p1, p2));
        }
        return new EopParseResult(rows.Count > 0 ? FromRecords(rows, sourceName) : null, errors);
    }

    private static bool TryColumn(string line, int first, int last, out double value)
    {
        value = 0;
        if (line.Length < first) return false;
        var span = line.AsSpan(first - 1, Math.Min(last, line.Length) - first + 1).Trim();
        return span.Length > 0 && double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Loads an EOP file, gzip-compressed or not (by the <c>.gz</c> extension), recognising C04 (a line starting
    /// with a 4-digit year followed by whitespace-separated columns) or <c>finals</c> (fixed columns).
    /// Throws <see cref="InvalidDataException"/> naming the file when nothing could be read.
    /// </summary>
    public static EarthOrientationData Load(string path, bool finalsPoleOffsetsAreIau1980 = false)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var name = Path.GetFileName(path);
        var looksC04 = text.Contains("C04", StringComparison.Ordinal) || name.Contains("c04", StringComparison.OrdinalIgnoreCase);
        var result = looksC04
            ? ParseC04(new StringReader(text), name)
            : ParseFinals(new StringReader(text), name, finalsPoleOffsetsAreIau1980);
        return result.Data ?? throw new InvalidDataException(string.Join(Environment.NewLine, result.Errors.DefaultIfEmpty($"{name}: no EOP rows found")));
    }
}

/// <summary>Outcome of an EOP parse: the data (null if nothing usable) and per-line errors (file:line: field).</summary>
public sealed record EopParseResult(EarthOrientationData? Data, IReadOnlyList<string> Errors);
