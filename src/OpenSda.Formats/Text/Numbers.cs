using System.Globalization;
using OpenSda.Time;

namespace OpenSda.Formats.Text;

/// <summary>Allocation-free invariant-culture number and date parsing on spans.</summary>
internal static class Numbers
{
    private const NumberStyles Float = NumberStyles.Float;

    public static bool TryDouble(ReadOnlySpan<char> s, out double value)
    {
        if (double.TryParse(s, Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            return true;
        value = 0;
        return false;
    }

    /// <summary>Digits with optional surrounding blanks and an optional sign.</summary>
    public static bool TryInt(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        s = s.Trim();
        if (s.IsEmpty)
            return false;
        var neg = false;
        if (s[0] is '+' or '-')
        {
            neg = s[0] == '-';
            s = s[1..];
            if (s.IsEmpty)
                return false;
        }
        long v = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
                return false;
            v = v * 10 + (c - '0');
            if (v > int.MaxValue)
                return false;
        }
        value = (int)(neg ? -v : v);
        return true;
    }

    /// <summary>
    /// Parses a CCSDS / ISO-8601 epoch: <c>YYYY-MM-DDThh:mm:ss[.d…][Z]</c> or the day-of-year form
    /// <c>YYYY-DDDThh:mm:ss[.d…][Z]</c> (CCSDS 502.0-B-3 §7.5.10). A date without time is midnight.
    /// The scale is whatever TIME_SYSTEM says (UTC for GP data).
    /// </summary>
    public static bool TryEpoch(ReadOnlySpan<char> s, out JulianDate epoch)
    {
        epoch = default;
        s = s.Trim();
        if (s.Length > 0 && (s[^1] == 'Z' || s[^1] == 'z'))
            s = s[..^1];
        if (s.Length < 8 || !Digits(s[..4], out var year) || s[4] != '-')
            return false;
        int month, day, p;
        if (s.Length >= 10 && s[7] == '-')
        {
            if (!Digits(s.Slice(5, 2), out month) || !Digits(s.Slice(8, 2), out day))
                return false;
            if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
                return false;
            p = 10;
        }
        else
        {
            if (!Digits(s.Slice(5, 3), out var doy))
                return false;
            var leap = DateTime.IsLeapYear(year);
            if (doy < 1 || doy > (leap ? 366 : 365))
                return false;
            month = 1;
            day = doy;
            p = 8;
        }
        int hour = 0, minute = 0;
        double second = 0;
        if (p < s.Length)
        {
            if (s[p] != 'T' || s.Length < p + 9 || s[p + 3] != ':' || s[p + 6] != ':')
                return false;
            if (!Digits(s.Slice(p + 1, 2), out hour) || !Digits(s.Slice(p + 4, 2), out minute))
                return false;
            var sec = s[(p + 7)..];
            if (sec.Length < 2 || sec[0] is < '0' or > '9' || sec[1] is < '0' or > '9')
                return false;
            if (!double.TryParse(sec, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out second))
                return false;
            if (hour > 23 || minute > 59 || second >= 61)
                return false;
        }
        if (month == 1 && day > 31)
        {
            // Day-of-year form: January 1st plus (day - 1).
            var jan1 = JulianDate.FromCalendar(year, 1, 1, hour, minute, second);
            epoch = new JulianDate(jan1.Day + day - 1, jan1.Fraction);
            return true;
        }
        epoch = JulianDate.FromCalendar(year, month, day, hour, minute, second);
        return true;
    }

    private static int DaysInMonth(int year, int month) => DateTime.DaysInMonth(year, month);

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        return s.Length > 0;
    }
}
