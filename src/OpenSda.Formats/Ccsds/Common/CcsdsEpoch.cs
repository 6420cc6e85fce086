using System.Globalization;
using OpenSda.Time;

namespace OpenSda.Formats.Ccsds.Common;

/// <summary>
/// A CCSDS epoch exactly as a message writes it, before any time system is applied: calendar
/// fields and nanoseconds (CCSDS 502.0-B-3 §7.5.10, 508.0-B-1 §6.3.2.6). Both the calendar form
/// <c>YYYY-MM-DDThh:mm:ss[.d…][Z]</c> and the day-of-year form <c>YYYY-DDDThh:mm:ss[.d…]</c> are read; the
/// day-of-year form is normalised to month and day. A date alone is midnight. Digits beyond 1 ns are
/// dropped. The value is meaningless until paired with the message's <c>TIME_SYSTEM</c>: convert
/// with <see cref="ToInstant"/> and a scale from <see cref="CcsdsTimeSystems"/>.
/// </summary>
public readonly record struct CcsdsEpoch(int Year, int Month, int Day, int Hour, int Minute, int Second, long Nanosecond)
    : IComparable<CcsdsEpoch>
{
    /// <summary>Parses a CCSDS epoch; false when the text is not one or a field is out of range.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CcsdsEpoch epoch)
    {
        epoch = default;
        var s = text.Trim();
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
            var leap = IsLeap(year);
            if (doy < 1 || doy > (leap ? 366 : 365))
                return false;
            month = 1;
            while (doy > DaysInMonth(year, month))
            {
                doy -= DaysInMonth(year, month);
                month++;
            }
            day = doy;
            p = 8;
        }
        int hour = 0, minute = 0, second = 0;
        long nanos = 0;
        if (p < s.Length)
        {
            if (s[p] != 'T' || s.Length < p + 9 || s[p + 3] != ':' || s[p + 6] != ':')
                return false;
            if (!Digits(s.Slice(p + 1, 2), out hour) || !Digits(s.Slice(p + 4, 2), out minute) || !Digits(s.Slice(p + 7, 2), out second))
                return false;
            var rest = s[(p + 9)..];
            if (rest.Length > 0)
            {
                if (rest[0] != '.')
                    return false;
                long scale = 100_000_000;
                foreach (var c in rest[1..])
                {
                    if (c is < '0' or > '9')
                        return false;
                    nanos += (c - '0') * scale;
                    scale /= 10;
                }
            }
            if (hour > 23 || minute > 59 || second > 60)
                return false;
        }
        epoch = new CcsdsEpoch(year, month, day, hour, minute, second, nanos);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static CcsdsEpoch Parse(string text) =>
        TryParse(text, out var e) ? e : throw new FormatException($"not a CCSDS epoch: \"{text}\"");

    /// <summary>The instant this calendar reading denotes in <paramref name="scale"/>.</summary>
    public Instant ToInstant(TimeScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return Instant.FromCalendar(Year, Month, Day, Hour, Minute, 0, scale).AddNanoseconds(Second * 1_000_000_000L + Nanosecond);
    }

    /// <summary>The calendar reading of <paramref name="instant"/> in <paramref name="scale"/>.</summary>
    public static CcsdsEpoch FromInstant(Instant instant, TimeScale scale)
    {
        var c = instant.ToCalendar(scale);
        return new CcsdsEpoch(c.Year, c.Month, c.Day, c.Hour, c.Minute, c.WholeSecond, c.NanosecondOfSecond);
    }

    /// <summary>Seconds from <paramref name="origin"/> to this epoch, counting every day as 86 400 s (exact for uniform scales).</summary>
    public double SecondsSince(CcsdsEpoch origin) =>
        (DayNumber() - origin.DayNumber()) * 86_400.0
        + ((Hour - origin.Hour) * 3600 + (Minute - origin.Minute) * 60 + (Second - origin.Second))
        + (Nanosecond - origin.Nanosecond) / 1e9;

    /// <summary><c>YYYY-MM-DDThh:mm:ss[.fff…]</c> with the fraction's trailing zeros removed (no zone suffix).</summary>
    public override string ToString()
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"{Year:0000}-{Month:00}-{Day:00}T{Hour:00}:{Minute:00}:{Second:00}");
        if (Nanosecond == 0)
            return head;
        var frac = Nanosecond.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0');
        return head + "." + frac;
    }

    /// <inheritdoc/>
    public int CompareTo(CcsdsEpoch other)
    {
        var d = DayNumber().CompareTo(other.DayNumber());
        if (d != 0) return d;
        var s = (Hour * 3600 + Minute * 60 + Second).CompareTo(other.Hour * 3600 + other.Minute * 60 + other.Second);
        return s != 0 ? s : Nanosecond.CompareTo(other.Nanosecond);
    }

    public static bool operator <(CcsdsEpoch a, CcsdsEpoch b) => a.CompareTo(b) < 0;
    public static bool operator >(CcsdsEpoch a, CcsdsEpoch b) => a.CompareTo(b) > 0;
    public static bool operator <=(CcsdsEpoch a, CcsdsEpoch b) => a.CompareTo(b) <= 0;
    public static bool operator >=(CcsdsEpoch a, CcsdsEpoch b) => a.CompareTo(b) >= 0;

    private long DayNumber()
    {
        // Days from civil (H. Hinnant's algorithm), valid for year 0 (MET/MRT relative epochs) too.
        long y = Year - (Month <= 2 ? 1 : 0);
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - era * 400;
        var doy = (153 * (Month + (Month > 2 ? -3 : 9)) + 2) / 5 + Day - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe;
    }

    private static bool IsLeap(int y) => y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

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
