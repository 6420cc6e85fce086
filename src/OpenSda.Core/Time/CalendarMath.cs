namespace OpenSda.Time;

/// <summary>
/// Integer proleptic-Gregorian calendar arithmetic on a day count whose day 0 is 2000-01-01
/// (MJD 51544). The era-based day-count method (400-year cycles of 146 097 days) is exact for
/// any year representable here; no floating point is involved.
/// </summary>
internal static class CalendarMath
{
    /// <summary>MJD of 2000-01-01 (day 0 of the count used inside OpenSda.Time).</summary>
    public const long Mjd2000 = 51_544;

    /// <summary>Nanoseconds in one 86 400 s day.</summary>
    public const long NanosPerDay = 86_400_000_000_000L;

    /// <summary>Nanoseconds in one second.</summary>
    public const long NanosPerSecond = 1_000_000_000L;

    /// <summary>Days from 2000-01-01 to the given civil date.</summary>
    public static long DaysFromCivil(long year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = FloorDiv(y, 400);
        var yearOfEra = y - era * 400;                                   // [0, 399]
        var shiftedMonth = month > 2 ? month - 3 : month + 9;            // March = 0
        var dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;          // [0, 365]
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear; // [0, 146096]
        // 730 425 days from 0000-03-01 to 2000-01-01.
        return era * 146_097 + dayOfEra - 730_425;
    }

    /// <summary>Civil date of a day count from 2000-01-01.</summary>
    public static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        var z = days + 730_425;
        var era = FloorDiv(z, 146_097);
        var dayOfEra = z - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var mp = (5 * dayOfYear + 2) / 153;
        var day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }

    /// <summary>Number of days in a month of the proleptic Gregorian calendar.</summary>
    public static int DaysInMonth(long year, int month) =>
        month == 2 ? (IsLeapYear(year) ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;

    public static bool IsLeapYear(long year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    public static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    public static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;
}
