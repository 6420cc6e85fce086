using System.Globalization;

namespace OpenSda.Time;

/// <summary>One step of TAI − UTC: from 0h UTC of <see cref="EffectiveDate"/>, TAI − UTC = <see cref="TaiMinusUtcSeconds"/>.</summary>
public readonly record struct LeapSecondEntry(DateOnly EffectiveDate, int TaiMinusUtcSeconds);

/// <summary>
/// The table of TAI − UTC (ΔAT), read from the IERS/NIST <c>leap-seconds.list</c> format, with the
/// file's expiry date.
/// </summary>
/// <remarks>
/// <para>
/// From 1972-01-01, ΔAT is an integer number of seconds that changes only at the leap seconds
/// listed in the file. Before 1972, UTC was steered with frequency offsets and small steps; this
/// table uses the published USNO/BIH <c>tai-utc.dat</c> segments for 1961-01-01 … 1971-12-31,
/// ΔAT = A + (MJD − B)·C (Explanatory Supplement to the Astronomical Almanac, 1992, §2.58).
/// Before 1961-01-01, when UTC did not exist, ΔAT is held at its 1961-01-01 value, 1.422818 s
/// (a documented convention: the difference from UT is then that of UT1−TAI history, not modelled).
/// </para>
/// <para>
/// After the file's expiry date, conversions continue with the last ΔAT (37 s for the bundled
/// file); <see cref="IsExpiredAt"/> and <see cref="ExpiryWarning"/> tell callers to warn. This type
/// never writes to the console.
/// </para>
/// </remarks>
public sealed class LeapSecondTable
{
    /// <summary>NTP epoch 1900-01-01 as a day count from 2000-01-01.</summary>
    private static readonly long NtpEpochDay = CalendarMath.DaysFromCivil(1900, 1, 1);

    // Pre-1972 drift segments from USNO tai-utc.dat: start MJD, A (s), B (MJD), C (s/day).
    private static readonly (long StartMjd, double A, double B, double C)[] DriftSegments =
    [
        (37300, 1.4228180, 37300, 0.001296),
        (37512, 1.3728180, 37300, 0.001296),
        (37665, 1.8458580, 37665, 0.0011232),
        (38334, 1.9458580, 37665, 0.0011232),
        (38395, 3.2401300, 38761, 0.001296),
        (38486, 3.3401300, 38761, 0.001296),
        (38639, 3.4401300, 38761, 0.001296),
        (38761, 3.5401300, 38761, 0.001296),
        (38820, 3.6401300, 38761, 0.001296),
        (38942, 3.7401300, 38761, 0.001296),
        (39004, 3.8401300, 38761, 0.001296),
        (39126, 4.3131700, 39126, 0.002592),
        (39887, 4.2131700, 39126, 0.002592),
    ];

    private readonly long[] _startDay;      // day count (from 2000-01-01) of each segment's first UTC day
    private readonly double[] _a, _b, _c;   // ΔAT = A + (MJD_UTC − B)·C
    private readonly long[] _startTai;      // instant (TAI ns since epoch) of each segment's start

    private LeapSecondTable(IReadOnlyList<LeapSecondEntry> entries, DateOnly? expires, DateOnly? lastUpdate, string source)
    {
        Entries = entries;
        Expires = expires;
        LastUpdate = lastUpdate;
        Source = source;
        var firstStep = entries.Count > 0 ? entries[0].EffectiveDate : DateOnly.MaxValue;
        var segments = new List<(long Day, double A, double B, double C)>();
        foreach (var s in DriftSegments)
        {
            var day = s.StartMjd - CalendarMath.Mjd2000;
            if (day < DayOf(firstStep)) segments.Add((day, s.A, s.B, s.C));
        }
        foreach (var e in entries) segments.Add((DayOf(e.EffectiveDate), e.TaiMinusUtcSeconds, 0, 0));
        _startDay = segments.Select(s => s.Day).ToArray();
        _a = segments.Select(s => s.A).ToArray();
        _b = segments.Select(s => s.B).ToArray();
        _c = segments.Select(s => s.C).ToArray();
        _startTai = new long[_startDay.Length];
        for (var i = 0; i < _startDay.Length; i++)
            _startTai[i] = _startDay[i] * CalendarMath.NanosPerDay - CalendarMath.NanosPerDay / 2 + OffsetNanos(i, _startDay[i], 0);
        ExpiresAt = expires is { } x ? InstantOfUtc(DayOf(x), 0) : null;
    }

    /// <summary>The integer-second steps (1972 onward) as read from the source.</summary>
    public IReadOnlyList<LeapSecondEntry> Entries { get; }

    /// <summary>The date the source says it expires (<c>#@</c> line), if given.</summary>
    public DateOnly? Expires { get; }

    /// <summary>The instant (0h UTC) of <see cref="Expires"/>.</summary>
    public Instant? ExpiresAt { get; }

    /// <summary>The source's last-update date (<c>#$</c> line), if given.</summary>
    public DateOnly? LastUpdate { get; }

    /// <summary>Where the table came from (file name or "bundled").</summary>
    public string Source { get; }

    /// <summary>True when <paramref name="t"/> is at or after the table's expiry date.</summary>
    public bool IsExpiredAt(Instant t) => ExpiresAt is { } e && t >= e;

    /// <summary>
    /// A one-line warning for callers to show when <paramref name="t"/> is past the expiry date,
    /// or null when the table is valid there.
    /// </summary>
    public string? ExpiryWarning(Instant t)
    {
        if (!IsExpiredAt(t)) return null;
        var last = Entries.Count > 0 ? Entries[^1].TaiMinusUtcSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"leap-second table ({Source}) expired on {Expires:yyyy-MM-dd}; TAI-UTC is assumed to stay {last} s after that date (wrong if a leap second was announced since). Load a newer leap-seconds.list.");
    }

    /// <summary>TAI − UTC in seconds at <paramref name="t"/> (inside a leap second: the value before it).</summary>
    public double TaiMinusUtc(Instant t)
    {
        var i = SegmentAtTai(t.TaiNanosecondsSinceEpoch);
        var u = UtcNanosFrom2000(i, t.TaiNanosecondsSinceEpoch);
        return OffsetNanos(i, CalendarMath.FloorDiv(u, CalendarMath.NanosPerDay), CalendarMath.FloorMod(u, CalendarMath.NanosPerDay)) / 1e9;
    }

    /// <summary>TAI − UTC in seconds for the UTC date <paramref name="date"/> at 0h.</summary>
    public double TaiMinusUtc(DateOnly date)
    {
        var day = DayOf(date);
        return OffsetNanos(SegmentAtDay(day), day, 0) / 1e9;
    }

    /// <summary>A table from explicit steps (e.g. for tests or a user-built table).</summary>
    public static LeapSecondTable FromEntries(IEnumerable<LeapSecondEntry> entries, DateOnly? expires = null, string source = "user entries")
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new LeapSecondTable(entries.OrderBy(e => e.EffectiveDate).ToArray(), expires, null, source);
    }

    /// <summary>
    /// Parses the IERS/NIST <c>leap-seconds.list</c> format: data lines "NTP-seconds ΔAT # comment",
    /// <c>#@</c> expiry (NTP seconds), <c>#$</c> last update, other <c>#</c> lines comments.
    /// Bad lines are reported (file, line, field) and skipped; never throws on content.
    /// </summary>
    public static LeapSecondParseResult Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<LeapSecondEntry>();
        var errors = new List<string>();
        DateOnly? expires = null, updated = null;
        string? line;
        var lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (trimmed.StartsWith("#@", StringComparison.Ordinal) || trimmed.StartsWith("#$", StringComparison.Ordinal))
            {
                var field = trimmed[2..].Trim();
                if (long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ntp) && ntp % 86_400 == 0)
                {
                    var date = DateFromDay(NtpEpochDay + ntp / 86_400);
                    if (trimmed[1] == '@') expires = date; else updated = date;
                }
                else errors.Add($"{sourceName}:{lineNumber}: field '{trimmed[..2]}' value '{field}' is not a whole day of NTP seconds");
                continue;
            }
            if (trimmed[0] == '#') continue;
            var hash = trimmed.IndexOf('#', StringComparison.Ordinal);
            var data = (hash >= 0 ? trimmed[..hash] : trimmed).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (data.Length < 2)
            {
                errors.Add($"{sourceName}:{lineNumber}: expected 'NTP-seconds TAI-UTC', got '{trimmed}'");
                continue;
            }
            if (!long.TryParse(data[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds % 86_400 != 0)
            {
                errors.Add($"{sourceName}:{lineNumber}: field 'NTP seconds' value '{data[0]}' is not a whole day of NTP seconds");
                continue;
            }
            if (!int.TryParse(data[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var dat))
            {
                errors.Add($"{sourceName}:{lineNumber}: field 'TAI-UTC' value '{data[1]}' is not an integer");
                continue;
            }
            entries.Add(new LeapSecondEntry(DateFromDay(NtpEpochDay + seconds / 86_400), dat));
        }
        var table = entries.Count == 0
            ? null
            : new LeapSecondTable(entries.OrderBy(e => e.EffectiveDate).ToArray(), expires, updated, sourceName);
        if (table is null) errors.Add($"{sourceName}: no leap-second entries found");
        return new LeapSecondParseResult(table, errors);
    }

    /// <summary>Reads a <c>leap-seconds.list</c> file; throws <see cref="InvalidDataException"/> naming the file if it holds no entries.</summary>
    public static LeapSecondTable Load(string path)
    {
        using var reader = File.OpenText(path);
        var result = Parse(reader, Path.GetFileName(path));
        return result.Table ?? throw new InvalidDataException(string.Join(Environment.NewLine, result.Errors));
    }

    // ---- internals used by the UTC scale ----

    internal static long DayOf(DateOnly date) => date == DateOnly.MaxValue ? long.MaxValue : CalendarMath.DaysFromCivil(date.Year, date.Month, date.Day);

    private static DateOnly DateFromDay(long day)
    {
        var (y, m, d) = CalendarMath.CivilFromDays(day);
        return new DateOnly((int)y, m, d);
    }

    /// <summary>ΔAT in ns for segment <paramref name="i"/> at the UTC reading (day, nanosOfDay).</summary>
    private long OffsetNanos(int i, long day, long nanosOfDay)
    {
        if (_c[i] == 0) return (long)Math.Round(_a[i] * 1e9);
        var mjd = CalendarMath.Mjd2000 + day + nanosOfDay / (double)CalendarMath.NanosPerDay;
        var startMjd = CalendarMath.Mjd2000 + _startDay[i];
        if (i == 0 && mjd < startMjd) mjd = startMjd; // constant before 1961
        return (long)Math.Round((_a[i] + (mjd - _b[i]) * _c[i]) * 1e9);
    }

    private int SegmentAtDay(long day)
    {
        var i = Array.BinarySearch(_startDay, day);
        if (i < 0) i = ~i - 1;
        return Math.Max(i, 0);
    }

    private int SegmentAtTai(long tai)
    {
        var i = Array.BinarySearch(_startTai, tai);
        if (i < 0) i = ~i - 1;
        return Math.Max(i, 0);
    }

    /// <summary>UTC reading as ns since 2000-01-01T00:00 UTC, continuous within segment <paramref name="i"/>.</summary>
    private long UtcNanosFrom2000(int i, long tai)
    {
        var shifted = tai + CalendarMath.NanosPerDay / 2;
        var u = shifted - OffsetNanos(i, _startDay[i], 0);
        if (_c[i] != 0)
        {
            // ΔAT drifts by ≤ 3 ms/day: fixed-point iteration converges by a factor 3e-8 per pass.
            for (var k = 0; k < 3; k++)
                u = shifted - OffsetNanos(i, CalendarMath.FloorDiv(u, CalendarMath.NanosPerDay), CalendarMath.FloorMod(u, CalendarMath.NanosPerDay));
        }
        return u;
    }

    internal (long Day, long NanosOfDay) UtcDayAndTime(Instant t)
    {
        var i = SegmentAtTai(t.TaiNanosecondsSinceEpoch);
        var u = UtcNanosFrom2000(i, t.TaiNanosecondsSinceEpoch);
        if (i + 1 < _startDay.Length && u >= _startDay[i + 1] * CalendarMath.NanosPerDay)
        {
            // Inside a positive step (leap second): the previous day runs past 24:00 → 23:59:60.x.
            var day = _startDay[i + 1] - 1;
            return (day, u - day * CalendarMath.NanosPerDay);
        }
        return (CalendarMath.FloorDiv(u, CalendarMath.NanosPerDay), CalendarMath.FloorMod(u, CalendarMath.NanosPerDay));
    }

    internal Instant InstantOfUtc(long day, long nanosOfDay)
    {
        var i = SegmentAtDay(day);
        return Instant.FromTaiNanosecondsSinceEpoch(
            checked(day * CalendarMath.NanosPerDay - CalendarMath.NanosPerDay / 2 + nanosOfDay + OffsetNanos(i, day, nanosOfDay)));
    }
}

/// <summary>Outcome of <see cref="LeapSecondTable.Parse"/>: the table (null if nothing usable) and per-line errors.</summary>
public sealed record LeapSecondParseResult(LeapSecondTable? Table, IReadOnlyList<string> Errors);
