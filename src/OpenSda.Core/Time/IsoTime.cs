using System.Globalization;
using System.Text;

namespace OpenSda.Time;

/// <summary>ISO-8601 extended-format reading and writing of instants in a named scale.</summary>
internal static class IsoTime
{
    public static bool TryParse(string? text, TimeScale scale, out Instant instant, out string? error)
    {
        instant = default;
        error = null;
        ArgumentNullException.ThrowIfNull(scale);
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty date-time";
            return false;
        }
        var s = text.Trim();
        if (s.EndsWith('Z') || s.EndsWith('z'))
        {
            if (scale.Name != "UTC")
            {
                error = $"'{text}': the 'Z' suffix designates UTC but the scale is {scale.Name}";
                return false;
            }
            s = s[..^1];
        }
        // Date part: YYYY-MM-DD (year may carry a sign for completeness).
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(s.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            error = $"'{text}': expected YYYY-MM-DD[Thh:mm[:ss[.fff]]]";
            return false;
        }
        int hour = 0, minute = 0, second = 0;
        long nanos = 0;
        if (s.Length > 10)
        {
            var t = s[10];
            if ((t != 'T' && t != 't' && t != ' ') || s.Length < 16 || s[13] != ':'
                || !int.TryParse(s.AsSpan(11, 2), NumberStyles.None, CultureInfo.InvariantCulture, out hour)
                || !int.TryParse(s.AsSpan(14, 2), NumberStyles.None, CultureInfo.InvariantCulture, out minute))
            {
                error = $"'{text}': expected 'Thh:mm' after the date";
                return false;
            }
            if (s.Length > 16)
            {
                if (s[16] != ':' || s.Length < 19 || !int.TryParse(s.AsSpan(17, 2), NumberStyles.None, CultureInfo.InvariantCulture, out second))
                {
                    error = $"'{text}': expected ':ss' after the minutes";
                    return false;
                }
                if (s.Length > 19)
                {
                    if (s[19] != '.' && s[19] != ',' || s.Length == 20)
                    {
                        error = $"'{text}': unexpected '{s[19..]}' after the seconds (time-zone offsets other than Z are not accepted)";
                        return false;
                    }
                    var digits = s.AsSpan(20);
                    long scaleFactor = 100_000_000;
                    foreach (var c in digits)
                    {
                        if (!char.IsAsciiDigit(c))
                        {
                            error = $"'{text}': bad fractional seconds '{digits}'";
                            return false;
                        }
                        nanos += (c - '0') * scaleFactor; // digits past 1 ns are truncated
                        scaleFactor /= 10;
                    }
                }
            }
        }
        if (month is < 1 or > 12 || day < 1 || day > CalendarMath.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            error = $"'{text}': a field is out of range";
            return false;
        }
        var dayCount = CalendarMath.DaysFromCivil(year, month, day);
        var nanosOfDay = ((hour * 60L + minute) * 60L + second) * CalendarMath.NanosPerSecond + nanos;
        instant = scale.FromDayAndTime(dayCount, nanosOfDay);
        if (second == 60)
        {
            // Valid only where the scale's own reading of the instant is that 60th second (a UTC leap second).
            var (d2, n2) = scale.ToDayAndTime(instant);
            if (d2 != dayCount || n2 != nanosOfDay)
            {
                error = $"'{text}': second 60 exists only during a leap second, and {scale.Name} has none there";
                instant = default;
                return false;
            }
        }
        return true;
    }

    public static string Format(Instant instant, TimeScale scale, int fractionDigits)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentOutOfRangeException.ThrowIfLessThan(fractionDigits, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fractionDigits, 9);
        var c = instant.ToCalendar(scale);
        var sb = new StringBuilder(32);
        sb.Append(CultureInfo.InvariantCulture, $"{c.Year:0000}-{c.Month:00}-{c.Day:00}T{c.Hour:00}:{c.Minute:00}:{c.WholeSecond:00}");
        if (fractionDigits > 0)
        {
            var frac = c.NanosecondOfSecond.ToString("000000000", CultureInfo.InvariantCulture);
            sb.Append('.').Append(frac.AsSpan(0, fractionDigits));
        }
        if (scale.Name == "UTC") sb.Append('Z');
        return sb.ToString();
    }
}
