using System.Globalization;
using System.Text;
using OpenSda.Orbits;
using OpenSda.Time;

namespace OpenSda.Formats.Tle;

/// <summary>
/// Writes a <see cref="MeanElements"/> set as the two 69-column lines of the NORAD TLE format
/// (Spacetrack Report No. 3 appendix; CelesTrak "NORAD Two-Line Element Set Format"), with
/// checksums, Alpha-5 catalog numbers for 100 000–339 999, exponent fields as <c>±NNNNN±E</c>
/// and the epoch as YYDDD.DDDDDDDD. Values are rounded to the format's precision (angles 1e-4°,
/// eccentricity 1e-7, mean motion 1e-8 rev/day, epoch 1e-8 day ≈ 0.9 ms).
/// </summary>
public static class TleWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>True when <paramref name="elements"/> can be written as a TLE (catalog number 0–339 999, epoch 1957–2056, eccentricity &lt; 1).</summary>
    public static bool CanWrite(MeanElements elements, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(elements);
        reason = null;
        if (elements.CatalogNumber is < 0 or > Alpha5.MaxNumber)
            reason = $"catalog number {elements.CatalogNumber} does not fit TLE columns 3-7 (maximum {Alpha5.MaxNumber}, Z9999)";
        else if (elements.Eccentricity is < 0 or >= 1)
            reason = "eccentricity must be in [0, 1)";
        else if (elements.MeanMotionRevPerDay is <= 0 or >= 100)
            reason = "mean motion must be in (0, 100) rev/day";
        else if (Math.Abs(elements.MeanMotionDot) >= 1)
            reason = "|MEAN_MOTION_DOT| must be below 1 rev/day^2";
        else
        {
            var (year, _, _, _, _, _) = elements.EpochUtc.ToCalendar();
            if (year is < 1957 or > 2056)
                reason = "epoch year must be 1957-2056 (two-digit TLE year)";
        }
        return reason is null;
    }

    /// <summary>The two lines (without terminators). Throws <see cref="ArgumentException"/> when <see cref="CanWrite"/> is false.</summary>
    public static (string Line1, string Line2) Write(MeanElements elements)
    {
        if (!CanWrite(elements, out var reason))
            throw new ArgumentException(reason, nameof(elements));
        var e = elements;
        var sat = Alpha5.Encode(e.CatalogNumber);

        var l1 = new StringBuilder(69);
        l1.Append("1 ").Append(sat).Append(e.Classification is 'U' or 'C' or 'S' ? e.Classification : 'U').Append(' ');
        l1.Append(ShortDesignator(e.InternationalDesignator).PadRight(8)).Append(' ');
        l1.Append(Epoch(e.EpochUtc)).Append(' ');
        l1.Append(Ndot(e.MeanMotionDot)).Append(' ');
        l1.Append(Exponent(e.MeanMotionDDot)).Append(' ');
        l1.Append(Exponent(e.BStar)).Append(' ');
        l1.Append((char)('0' + Math.Clamp(e.EphemerisType, 0, 9))).Append(' ');
        l1.Append((Math.Abs(e.ElementSetNumber) % 10000).ToString(Inv).PadLeft(4));
        l1.Append((char)('0' + TleChecksum.Compute(l1.ToString())));

        var l2 = new StringBuilder(69);
        l2.Append("2 ").Append(sat).Append(' ');
        l2.Append(Angle(e.InclinationDeg, false)).Append(' ');
        l2.Append(Angle(e.RaanDeg, true)).Append(' ');
        var ecc = (long)Math.Round(e.Eccentricity * 1e7, MidpointRounding.AwayFromZero);
        l2.Append(Math.Min(ecc, 9_999_999).ToString("D7", Inv)).Append(' ');
        l2.Append(Angle(e.ArgPerigeeDeg, true)).Append(' ');
        l2.Append(Angle(e.MeanAnomalyDeg, true)).Append(' ');
        l2.Append(e.MeanMotionRevPerDay.ToString("0.00000000", Inv).PadLeft(11));
        l2.Append((Math.Abs(e.RevolutionNumber) % 100000).ToString(Inv).PadLeft(5));
        l2.Append((char)('0' + TleChecksum.Compute(l2.ToString())));
        return (l1.ToString(), l2.ToString());
    }

    /// <summary>Three lines: <c>0 NAME</c> (when a name is set) and the two element lines, joined with LF.</summary>
    public static string WriteThreeLine(MeanElements elements)
    {
        var (l1, l2) = Write(elements);
        return elements.Name is null ? l1 + "\n" + l2 + "\n" : "0 " + elements.Name + "\n" + l1 + "\n" + l2 + "\n";
    }

    /// <summary>"1998-067A" → "98067A"; an already short form is kept; null → "".</summary>
    internal static string ShortDesignator(string? d)
    {
        if (string.IsNullOrWhiteSpace(d))
            return string.Empty;
        d = d.Trim();
        if (d.Length >= 8 && d[4] == '-')
            return string.Concat(d.AsSpan(2, 2), d.AsSpan(5, Math.Min(d.Length - 5, 6)));
        return d.Length > 8 ? d[..8] : d;
    }

    private static string Epoch(JulianDate epoch)
    {
        var (year, _, _, _, _, _) = epoch.ToCalendar();
        var jan1 = JulianDate.FromCalendar(year, 1, 1);
        var doy = epoch.DaysSince(jan1) + 1.0;
        var rounded = Math.Round(doy, 8, MidpointRounding.AwayFromZero);
        var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        if (rounded >= daysInYear + 1)
        {
            year++;
            rounded -= daysInYear;
        }
        return (year % 100).ToString("D2", Inv) + rounded.ToString("000.00000000", Inv);
    }

    private static string Ndot(double v)
    {
        var s = Math.Abs(v).ToString(".00000000", Inv);
        if (s == ".00000000")
            return " .00000000";
        return (v < 0 ? "-" : " ") + s;
    }

    /// <summary>±NNNNN±E: v = ±0.NNNNN × 10^E (E from −9 to 9); 0 → " 00000-0".</summary>
    internal static string Exponent(double v)
    {
        if (v == 0 || !double.IsFinite(v))
            return " 00000-0";
        var a = Math.Abs(v);
        var exp = (int)Math.Floor(Math.Log10(a)) + 1;
        var mant = (long)Math.Round(a / Math.Pow(10, exp) * 1e5, MidpointRounding.AwayFromZero);
        if (mant >= 100000)
        {
            mant = (mant + 5) / 10;
            exp++;
        }
        if (exp < -9)
            return " 00000-0";
        if (exp > 9)
            throw new ArgumentOutOfRangeException(nameof(v), v, "too large for a TLE exponent field");
        var sign = v < 0 ? '-' : ' ';
        return sign + mant.ToString("D5", Inv) + (exp < 0 ? '-' : '+') + Math.Abs(exp).ToString(Inv);
    }

    private static string Angle(double deg, bool wrap)
    {
        if (wrap)
        {
            deg %= 360.0;
            if (deg < 0)
                deg += 360.0;
        }
        var s = deg.ToString("0.0000", Inv);
        if (wrap && s == "360.0000")
            s = "0.0000";
        return s.PadLeft(8);
    }
}
