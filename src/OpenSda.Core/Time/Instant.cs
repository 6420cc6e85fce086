using System.Globalization;

namespace OpenSda.Time;

/// <summary>
/// An absolute instant, independent of any time scale.
/// </summary>
/// <remarks>
/// <para>
/// Representation: a single <see cref="long"/> count of SI nanoseconds of TAI elapsed since
/// 2000-01-01T12:00:00 TAI (<see cref="Epoch"/>). TAI is uniform and has no leap seconds, so
/// arithmetic is exact integer arithmetic; the range is ±292 years around 2000 at a fixed 1 ns
/// resolution, well beyond the ±100 years (1900–2100) the project requires. Differences are
/// exact in nanoseconds and returned as doubles of seconds (exact to 1 ns for spans under
/// about 104 days, and to a relative 1e-16 beyond).
/// </para>
/// <para>
/// Reading or writing a date always names a <see cref="TimeScale"/> (UTC, TAI, TT, GPS, UT1)
/// from a <see cref="TimeScales"/> object, in the style of Orekit's <c>AbsoluteDate</c>.
/// </para>
/// </remarks>
public readonly struct Instant : IEquatable<Instant>, IComparable<Instant>
{
    private readonly long _taiNanos;

    private Instant(long taiNanosecondsSinceEpoch) => _taiNanos = taiNanosecondsSinceEpoch;

    /// <summary>2000-01-01T12:00:00 TAI, the origin of <see cref="TaiNanosecondsSinceEpoch"/>.</summary>
    public static Instant Epoch => default;

    /// <summary>The J2000.0 epoch, 2000-01-01T12:00:00 TT (= 11:59:27.816 TAI).</summary>
    public static Instant J2000 => new(-32_184_000_000L);

    /// <summary>Smallest representable instant (about 1708).</summary>
    public static Instant MinValue => new(long.MinValue);

    /// <summary>Largest representable instant (about 2292).</summary>
    public static Instant MaxValue => new(long.MaxValue);

    /// <summary>Nanoseconds of TAI since 2000-01-01T12:00:00 TAI.</summary>
    public long TaiNanosecondsSinceEpoch => _taiNanos;

    /// <summary>The instant <paramref name="nanoseconds"/> TAI nanoseconds after <see cref="Epoch"/>.</summary>
    public static Instant FromTaiNanosecondsSinceEpoch(long nanoseconds) => new(nanoseconds);

    /// <summary>The instant <paramref name="seconds"/> after <see cref="Epoch"/> (rounded to 1 ns).</summary>
    public static Instant FromTaiSecondsSinceEpoch(double seconds) => new(checked((long)Math.Round(seconds * 1e9)));

    /// <summary>Now, read from <paramref name="clock"/> (which gives UTC) and converted with the UTC of <paramref name="scales"/>.</summary>
    public static Instant Now(TimeProvider clock, TimeScales scales)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(scales);
        return FromDateTime(clock.GetUtcNow(), scales.Utc);
    }

    /// <summary>
    /// Now, read from <paramref name="clock"/>, converted with the bundled leap-second table
    /// (<see cref="TimeScales.Bundled"/>, an immutable, lazily loaded default).
    /// </summary>
    public static Instant Now(TimeProvider clock) => Now(clock, TimeScales.Bundled);

    /// <summary>
    /// The instant whose wall-clock reading in <paramref name="scale"/> is the UTC date and time of
    /// <paramref name="value"/> (its offset is applied first). With <c>scales.Utc</c> this is the
    /// ordinary conversion of a .NET timestamp; resolution is 100 ns.
    /// </summary>
    public static Instant FromDateTime(DateTimeOffset value, TimeScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var utc = value.UtcDateTime;
        var day = CalendarMath.DaysFromCivil(utc.Year, utc.Month, utc.Day);
        var nanosOfDay = utc.TimeOfDay.Ticks * 100L;
        return scale.FromDayAndTime(day, nanosOfDay);
    }

    /// <summary>
    /// The wall-clock reading of this instant in <paramref name="scale"/> as a UTC
    /// <see cref="DateTimeOffset"/> (truncated to 100 ns). A UTC leap second 23:59:60.x has no
    /// .NET representation and is returned as 23:59:59.9999999.
    /// </summary>
    public DateTimeOffset ToDateTime(TimeScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var (day, nanosOfDay) = scale.ToDayAndTime(this);
        var (y, m, d) = CalendarMath.CivilFromDays(day);
        var ticks = Math.Min(nanosOfDay / 100L, TimeSpan.TicksPerDay - 1);
        return new DateTimeOffset(new DateTime((int)y, m, d, 0, 0, 0, DateTimeKind.Utc).AddTicks(ticks));
    }

    /// <summary>
    /// The instant with the given calendar reading in <paramref name="scale"/>. Seconds may be
    /// 60.x in UTC during a leap second. Inputs are not range-checked beyond what the day count
    /// needs (use <see cref="TryParseIso"/> for validated input); <paramref name="second"/> is
    /// rounded to 1 ns.
    /// </summary>
    public static Instant FromCalendar(int year, int month, int day, int hour, int minute, double second, TimeScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var days = CalendarMath.DaysFromCivil(year, month, day);
        var nanos = (hour * 3600L + minute * 60L) * CalendarMath.NanosPerSecond + (long)Math.Round(second * 1e9);
        return scale.FromDayAndTime(days, nanos);
    }

    /// <summary>Calendar reading of this instant in <paramref name="scale"/> (seconds ≥ 60 only inside a UTC leap second).</summary>
    public CalendarTime ToCalendar(TimeScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var (day, nanosOfDay) = scale.ToDayAndTime(this);
        return CalendarTime.FromDayAndTime(day, nanosOfDay);
    }

    /// <summary>
    /// Two-part Julian date of this instant in <paramref name="scale"/>: <see cref="JulianDate.Day"/>
    /// is the JD of 0h of the calendar day (an x.5 value) and <see cref="JulianDate.Fraction"/> the
    /// fraction of a 86 400 s day elapsed since then (resolution ~1e-16 day ≈ 10 ps).
    /// In UTC the fraction exceeds 1 inside a leap second (as in SOFA, the UTC JD is ambiguous
    /// there); <see cref="FromJulianDate"/> accepts that form back.
    /// </summary>
    public JulianDate ToJulianDate(TimeScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var (day, nanosOfDay) = scale.ToDayAndTime(this);
        return new JulianDate(2_451_544.5 + day, nanosOfDay / (double)CalendarMath.NanosPerDay);
    }

    /// <summary>
    /// The instant of a Julian date read in <paramref name="scale"/>. The two parts may be split
    /// any way; precision is that of the parts (for a JD split as whole day + fraction, ~1 ns).
    /// </summary>
    public static Instant FromJulianDate(JulianDate jd, TimeScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var shifted = jd.Day - 2_451_544.5;
        var wholeDays = Math.Floor(shifted);
        var fraction = (shifted - wholeDays) + jd.Fraction;
        // Keep an explicit leap-second fraction (1 ≤ f < 1 + 2 s/day) on its own day.
        if (!(shifted == wholeDays && fraction >= 0 && fraction < 1.0 + 2.0 / 86_400.0))
        {
            var extra = Math.Floor(fraction);
            wholeDays += extra;
            fraction -= extra;
        }
        var nanos = (long)Math.Round(fraction * CalendarMath.NanosPerDay);
        return scale.FromDayAndTime((long)wholeDays, nanos);
    }

    /// <summary>Modified Julian date (JD − 2 400 000.5) in <paramref name="scale"/> as one double (~1 µs resolution near 2000).</summary>
    public double ToModifiedJulianDate(TimeScale scale)
    {
        var (day, nanosOfDay) = scale.ToDayAndTime(this);
        return CalendarMath.Mjd2000 + day + nanosOfDay / (double)CalendarMath.NanosPerDay;
    }

    /// <summary>
    /// Parses an ISO-8601 date-time read in <paramref name="scale"/>:
    /// <c>YYYY-MM-DD[Thh:mm[:ss[.fffffffff]]][Z]</c> (a space may replace <c>T</c>; <c>Z</c> only with UTC;
    /// digits past 1 ns are truncated; second 60 only where UTC has a leap second). Never throws;
    /// <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParseIso(string? text, TimeScale scale, out Instant instant, out string? error)
        => IsoTime.TryParse(text, scale, out instant, out error);

    /// <summary>Parses as <see cref="TryParseIso"/>, throwing <see cref="FormatException"/> on failure.</summary>
    public static Instant ParseIso(string text, TimeScale scale) =>
        IsoTime.TryParse(text, scale, out var instant, out var error) ? instant : throw new FormatException(error);

    /// <summary>
    /// ISO-8601 text of this instant in <paramref name="scale"/>, e.g. <c>2024-11-01T00:00:00.000Z</c>,
    /// with <paramref name="fractionDigits"/> (0–9) sub-second digits, truncated (never rounded up).
    /// UTC gets the <c>Z</c> suffix; other scales get none (the scale is not part of ISO-8601).
    /// </summary>
    public string ToIsoString(TimeScale scale, int fractionDigits = 3) => IsoTime.Format(this, scale, fractionDigits);

    /// <summary>This instant moved by <paramref name="seconds"/> SI seconds (rounded to 1 ns).</summary>
    public Instant AddSeconds(double seconds) => new(checked(_taiNanos + (long)Math.Round(seconds * 1e9)));

    /// <summary>This instant moved by <paramref name="nanoseconds"/>.</summary>
    public Instant AddNanoseconds(long nanoseconds) => new(checked(_taiNanos + nanoseconds));

    /// <summary>Seconds from <paramref name="origin"/> to this instant (exact nanoseconds, then converted).</summary>
    public double SecondsSince(Instant origin) => NanosecondsSince(origin) / 1e9;

    /// <summary>Nanoseconds from <paramref name="origin"/> to this instant.</summary>
    public long NanosecondsSince(Instant origin) => checked(_taiNanos - origin._taiNanos);

    public static Instant operator +(Instant t, TimeSpan span) => new(checked(t._taiNanos + span.Ticks * 100L));
    public static Instant operator -(Instant t, TimeSpan span) => new(checked(t._taiNanos - span.Ticks * 100L));

    /// <summary>Elapsed time between two instants, truncated to the 100 ns tick of <see cref="TimeSpan"/> (use <see cref="SecondsSince"/> for 1 ns).</summary>
    public static TimeSpan operator -(Instant a, Instant b) => TimeSpan.FromTicks(a.NanosecondsSince(b) / 100L);

    public static bool operator ==(Instant a, Instant b) => a._taiNanos == b._taiNanos;
    public static bool operator !=(Instant a, Instant b) => a._taiNanos != b._taiNanos;
    public static bool operator <(Instant a, Instant b) => a._taiNanos < b._taiNanos;
    public static bool operator >(Instant a, Instant b) => a._taiNanos > b._taiNanos;
    public static bool operator <=(Instant a, Instant b) => a._taiNanos <= b._taiNanos;
    public static bool operator >=(Instant a, Instant b) => a._taiNanos >= b._taiNanos;

    public bool Equals(Instant other) => _taiNanos == other._taiNanos;
    public override bool Equals(object? obj) => obj is Instant other && Equals(other);
    public override int GetHashCode() => _taiNanos.GetHashCode();
    public int CompareTo(Instant other) => _taiNanos.CompareTo(other._taiNanos);

    /// <summary>The instant as TAI ISO-8601 text with nanoseconds (TAI needs no tables).</summary>
    public override string ToString() => IsoTime.Format(this, TaiScale.Instance, 9) + " TAI";
}

/// <summary>A calendar reading (proleptic Gregorian) in some time scale. <see cref="Second"/> includes the fraction.</summary>
public readonly record struct CalendarTime(int Year, int Month, int Day, int Hour, int Minute, int WholeSecond, long NanosecondOfSecond)
{
    /// <summary>Seconds of the minute including the fraction (≥ 60 only inside a UTC leap second).</summary>
    public double Second => WholeSecond + NanosecondOfSecond / 1e9;

    /// <summary>Day of year, 1 = January 1st.</summary>
    public int DayOfYear => (int)(CalendarMath.DaysFromCivil(Year, Month, Day) - CalendarMath.DaysFromCivil(Year, 1, 1)) + 1;

    internal static CalendarTime FromDayAndTime(long day, long nanosOfDay)
    {
        var (y, m, d) = CalendarMath.CivilFromDays(day);
        var secondsOfDay = nanosOfDay / CalendarMath.NanosPerSecond;
        var nanos = nanosOfDay % CalendarMath.NanosPerSecond;
        var hour = (int)Math.Min(secondsOfDay / 3600, 23);
        var minute = (int)Math.Min((secondsOfDay - hour * 3600L) / 60, 59);
        var second = (int)(secondsOfDay - hour * 3600L - minute * 60L);
        return new CalendarTime((int)y, m, d, hour, minute, second, nanos);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Year:0000}-{Month:00}-{Day:00}T{Hour:00}:{Minute:00}:{WholeSecond:00}.{NanosecondOfSecond:000000000}");
}
