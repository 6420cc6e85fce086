namespace OpenSda.Time;

/// <summary>
/// A time scale: a way of labelling instants with dates (Orekit style). Obtain the scales from a
/// <see cref="TimeScales"/> object and name one whenever a date is read or written.
/// </summary>
/// <remarks>
/// Offsets follow the IERS Conventions (2010), ch. 10 and Vallado, <i>Fundamentals</i> 4th ed., §3.5:
/// TT = TAI + 32.184 s; GPS = TAI − 19 s; UTC = TAI − ΔAT (leap-second table);
/// UT1 = UTC + (UT1−UTC) (Earth-orientation data).
/// </remarks>
public abstract class TimeScale
{
    /// <summary>Short name, e.g. "UTC".</summary>
    public abstract string Name { get; }

    /// <summary>Seconds to add to TAI to get this scale's reading at <paramref name="t"/> (scale − TAI).</summary>
    public abstract double OffsetFromTai(Instant t);

    /// <summary>
    /// The day (count from 2000-01-01) and nanoseconds into that day of this scale's reading of
    /// <paramref name="t"/>. Nanoseconds reach past 86 400 s only inside a UTC leap second.
    /// </summary>
    internal abstract (long Day, long NanosOfDay) ToDayAndTime(Instant t);

    /// <summary>The instant whose reading in this scale is <paramref name="nanosOfDay"/> into <paramref name="day"/>.</summary>
    internal abstract Instant FromDayAndTime(long day, long nanosOfDay);

    public override string ToString() => Name;
}

/// <summary>A scale that differs from TAI by a constant (TAI, TT, GPS).</summary>
internal sealed class ConstantOffsetScale : TimeScale
{
    // Nanoseconds from 2000-01-01T00:00 (reading) to the instant epoch 2000-01-01T12:00 TAI.
    private const long HalfDayNanos = CalendarMath.NanosPerDay / 2;
    private readonly long _offsetNanos;

    public ConstantOffsetScale(string name, long offsetNanos)
    {
        Name = name;
        _offsetNanos = offsetNanos;
    }

    public override string Name { get; }

    public override double OffsetFromTai(Instant t) => _offsetNanos / 1e9;

    internal override (long Day, long NanosOfDay) ToDayAndTime(Instant t)
    {
        var reading = checked(t.TaiNanosecondsSinceEpoch + _offsetNanos + HalfDayNanos);
        return (CalendarMath.FloorDiv(reading, CalendarMath.NanosPerDay), CalendarMath.FloorMod(reading, CalendarMath.NanosPerDay));
    }

    internal override Instant FromDayAndTime(long day, long nanosOfDay) =>
        Instant.FromTaiNanosecondsSinceEpoch(checked(day * CalendarMath.NanosPerDay + nanosOfDay - HalfDayNanos - _offsetNanos));
}

/// <summary>International Atomic Time, the scale <see cref="Instant"/> counts in (always available, needs no data).</summary>
internal static class TaiScale
{
    public static readonly TimeScale Instance = new ConstantOffsetScale("TAI", 0);
}

/// <summary>Coordinated Universal Time: TAI − ΔAT from a <see cref="LeapSecondTable"/>, with 23:59:60 leap seconds.</summary>
internal sealed class UtcScale(LeapSecondTable table) : TimeScale
{
    public LeapSecondTable Table { get; } = table;

    public override string Name => "UTC";

    public override double OffsetFromTai(Instant t) => -Table.TaiMinusUtc(t);

    internal override (long Day, long NanosOfDay) ToDayAndTime(Instant t) => Table.UtcDayAndTime(t);

    internal override Instant FromDayAndTime(long day, long nanosOfDay) => Table.InstantOfUtc(day, nanosOfDay);
}

/// <summary>
/// Universal Time UT1 (Earth rotation angle time): UTC + (UT1−UTC) interpolated from
/// <see cref="EarthOrientationData"/>. Where the data do not reach, the data's documented
/// out-of-range value is used (see <see cref="EarthOrientationData.At"/>).
/// </summary>
internal sealed class Ut1Scale(UtcScale utc, EarthOrientationData eop) : TimeScale
{
    private const long HalfDayNanos = CalendarMath.NanosPerDay / 2;

    public override string Name => "UT1";

    /// <summary>UT1 − TAI in nanoseconds at <paramref name="t"/>.</summary>
    private long Ut1MinusTaiNanos(Instant t)
    {
        var mjdUtc = t.ToModifiedJulianDate(utc);
        var dut1 = eop.At(mjdUtc).Ut1MinusUtcSeconds;
        return (long)Math.Round((dut1 - utc.Table.TaiMinusUtc(t)) * 1e9);
    }

    public override double OffsetFromTai(Instant t) => Ut1MinusTaiNanos(t) / 1e9;

    internal override (long Day, long NanosOfDay) ToDayAndTime(Instant t)
    {
        var reading = checked(t.TaiNanosecondsSinceEpoch + Ut1MinusTaiNanos(t) + HalfDayNanos);
        return (CalendarMath.FloorDiv(reading, CalendarMath.NanosPerDay), CalendarMath.FloorMod(reading, CalendarMath.NanosPerDay));
    }

    internal override Instant FromDayAndTime(long day, long nanosOfDay)
    {
        // Fixed-point iteration: UT1−TAI changes by < 1 ms/day and jumps by ≤ 1 s, so three passes reach 1 ns.
        var reading = checked(day * CalendarMath.NanosPerDay + nanosOfDay - HalfDayNanos);
        var guess = Instant.FromTaiNanosecondsSinceEpoch(reading);
        for (var i = 0; i < 4; i++)
            guess = Instant.FromTaiNanosecondsSinceEpoch(reading - Ut1MinusTaiNanos(guess));
        return guess;
    }
}
