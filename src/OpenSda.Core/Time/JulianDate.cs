namespace OpenSda.Time;

/// <summary>
/// A Julian date carried as two numbers, <see cref="Day"/> + <see cref="Fraction"/>, so that
/// differences of nearby dates keep sub-microsecond precision (a single double Julian date
/// resolves only about 40 µs). The scale (UTC, TT, …) is whatever the producer says it is;
/// this type is only the number.
/// </summary>
public readonly record struct JulianDate(double Day, double Fraction)
{
    /// <summary>Seconds in one day.</summary>
    public const double SecondsPerDay = 86_400.0;

    /// <summary>Julian date of the J2000 epoch, 2000-01-01T12:00 (in whatever scale).</summary>
    public const double J2000 = 2_451_545.0;

    /// <summary>The date as one double (loses precision; for display and coarse work only).</summary>
    public double Value => Day + Fraction;

    /// <summary>Whole days and fraction re-split so that 0 ≤ <see cref="Fraction"/> &lt; 1 and <see cref="Day"/> is a half-integer or integer as given.</summary>
    public JulianDate Normalized()
    {
        var whole = Math.Floor(Fraction);
        return new JulianDate(Day + whole, Fraction - whole);
    }

    /// <summary>Days from <paramref name="origin"/> to this date, computed part by part.</summary>
    public double DaysSince(JulianDate origin) => (Day - origin.Day) + (Fraction - origin.Fraction);

    /// <summary>Minutes from <paramref name="origin"/> to this date, computed part by part.</summary>
    public double MinutesSince(JulianDate origin) => DaysSince(origin) * 1440.0;

    /// <summary>This date moved by <paramref name="days"/>, added to the fraction.</summary>
    public JulianDate AddDays(double days) => new JulianDate(Day, Fraction + days).Normalized();

    /// <summary>
    /// The Julian date of a proleptic Gregorian calendar date and time of day, in the same scale as
    /// the inputs. Valid 1900–2100 (the Fliegel–Van Flandern day count, as in Vallado's <c>jday</c>).
    /// The day part holds the date at 0h; the time of day goes in the fraction.
    /// </summary>
    public static JulianDate FromCalendar(int year, int month, int day, int hour = 0, int minute = 0, double second = 0)
    {
        var jd0 = 367.0 * year
                  - Math.Floor(7 * (year + Math.Floor((month + 9) / 12.0)) * 0.25)
                  + Math.Floor(275 * month / 9.0)
                  + day + 1_721_013.5;
        var fraction = (second + minute * 60.0 + hour * 3600.0) / SecondsPerDay;
        return new JulianDate(jd0, fraction);
    }

    /// <summary>
    /// The Julian date of day-of-year <paramref name="dayOfYear"/> (1.0 = January 1st, 0h) of
    /// <paramref name="year"/>: the form of a TLE epoch.
    /// </summary>
    public static JulianDate FromDayOfYear(int year, double dayOfYear)
    {
        var jan1 = FromCalendar(year, 1, 1);
        var whole = Math.Floor(dayOfYear);
        return new JulianDate(jan1.Day + whole - 1.0, dayOfYear - whole);
    }

    /// <summary>
    /// Calendar components of this date (same scale), with seconds carrying the sub-second part.
    /// Inverse of <see cref="FromCalendar"/>.
    /// </summary>
    public (int Year, int Month, int Day, int Hour, int Minute, double Second) ToCalendar()
    {
        var n = Normalized();
        // Move the day boundary from noon to midnight: JD x.5 is 0h.
        var dayAtMidnight = n.Day + 0.5;
        var wholeDay = Math.Floor(dayAtMidnight);
        var frac = (dayAtMidnight - wholeDay) + n.Fraction;
        if (frac >= 1.0) { frac -= 1.0; wholeDay += 1.0; }
        var z = (long)wholeDay;
        // Richards' algorithm (Gregorian).
        long a = z + 32044;
        long b = (4 * a + 3) / 146097;
        long c = a - 146097 * b / 4;
        long d = (4 * c + 3) / 1461;
        long e = c - 1461 * d / 4;
        long m = (5 * e + 2) / 153;
        var dayOfMonth = (int)(e - (153 * m + 2) / 5 + 1);
        var month = (int)(m + 3 - 12 * (m / 10));
        var year = (int)(100 * b + d - 4800 + m / 10);
        var secondsOfDay = frac * SecondsPerDay;
        var hour = (int)(secondsOfDay / 3600.0);
        if (hour > 23) hour = 23;
        secondsOfDay -= hour * 3600.0;
        var minute = (int)(secondsOfDay / 60.0);
        if (minute > 59) minute = 59;
        var second = secondsOfDay - minute * 60.0;
        return (year, month, dayOfMonth, hour, minute, second);
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"JD {Day} + {Fraction:R}");
}
