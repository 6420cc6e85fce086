using System.Globalization;
using OpenSda.Orbits;
using OpenSda.Time;

namespace OpenSda.Testing;

/// <summary>
/// A small fixed-column two-line-element reader for tests and benchmarks only (the product reader lives in
/// OpenSda.Formats). It reads columns 1–69 of each line and nothing after them, does not check checksums,
/// tolerates blank optional fields, and decodes Alpha-5 catalog numbers (A0000 = 100000; I and O unused).
/// Format: CelesTrak "NORAD Two-Line Element Set Format" (Kelso), column numbers 1-based.
/// </summary>
public static class TestTle
{
    /// <summary>Every (line 1, line 2) pair of a TLE/3LE file; comment lines (#) and name lines are skipped.</summary>
    public static IReadOnlyList<(string Line1, string Line2)> ReadPairs(string path)
    {
        var pairs = new List<(string, string)>();
        string? line1 = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r', '\n');
            if (line.StartsWith('#')) continue;
            if (line.StartsWith("1 ", StringComparison.Ordinal)) { line1 = line; continue; }
            if (line.StartsWith("2 ", StringComparison.Ordinal) && line1 is not null)
            {
                pairs.Add((line1, line));
                line1 = null;
            }
        }
        return pairs;
    }

    /// <summary>Every element set of a TLE/3LE file.</summary>
    public static IReadOnlyList<MeanElements> ReadFile(string path)
        => ReadPairs(path).Select(p => Parse(p.Line1, p.Line2)).ToList();

    /// <summary>Parses one TLE from its two lines (columns 1–69 only).</summary>
    public static MeanElements Parse(string line1, string line2)
    {
        ArgumentNullException.ThrowIfNull(line1);
        ArgumentNullException.ThrowIfNull(line2);
        var l1 = line1.Length > 69 ? line1[..69] : line1.PadRight(69);
        var l2 = line2.Length > 69 ? line2[..69] : line2.PadRight(69);

        var yy = Int(Col(l1, 19, 20));
        var year = yy < 57 ? 2000 + yy : 1900 + yy;
        var dayOfYear = Dbl(Col(l1, 21, 32));
        var intl = Col(l1, 10, 17).Trim();

        return new MeanElements
        {
            CatalogNumber = Alpha5(Col(l1, 3, 7)),
            Classification = l1[7] == ' ' ? 'U' : l1[7],
            InternationalDesignator = intl.Length == 0 ? null : LongDesignator(intl),
            EpochUtc = JulianDate.FromDayOfYear(year, dayOfYear),
            MeanMotionDot = Dbl(Col(l1, 34, 43)),
            MeanMotionDDot = ImpliedDecimal(Col(l1, 45, 52)),
            BStar = ImpliedDecimal(Col(l1, 54, 61)),
            EphemerisType = Int(Col(l1, 63, 63)),
            ElementSetNumber = Int(Col(l1, 65, 68)),
            InclinationDeg = Dbl(Col(l2, 9, 16)),
            RaanDeg = Dbl(Col(l2, 18, 25)),
            Eccentricity = Dbl("0." + Col(l2, 27, 33).Trim()),
            ArgPerigeeDeg = Dbl(Col(l2, 35, 42)),
            MeanAnomalyDeg = Dbl(Col(l2, 44, 51)),
            MeanMotionRevPerDay = Dbl(Col(l2, 53, 63)),
            RevolutionNumber = Int(Col(l2, 64, 68)),
        };
    }

    /// <summary>Alpha-5 catalog number: five digits, or a letter (A=10 … Z=33, skipping I and O) and four digits.</summary>
    public static int Alpha5(string field)
    {
        var f = field.Trim();
        if (f.Length == 5 && char.IsLetter(f[0]))
        {
            var c = char.ToUpperInvariant(f[0]);
            var v = c - 'A' + 10;
            if (c > 'I') v--;
            if (c > 'O') v--;
            return v * 10000 + Int(f[1..]);
        }
        return Int(f);
    }

    private static string LongDesignator(string shortForm)
    {
        // "98067A" → "1998-067A".
        if (shortForm.Length < 5 || !int.TryParse(shortForm.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var yy))
            return shortForm;
        var year = yy < 57 ? 2000 + yy : 1900 + yy;
        return string.Create(CultureInfo.InvariantCulture, $"{year}-{shortForm[2..]}");
    }

    /// <summary>A TLE "assumed decimal point" field such as " 12345-3" (= 0.12345e-3) or "-30915-6".</summary>
    public static double ImpliedDecimal(string field)
    {
        var f = field.Trim();
        if (f.Length == 0) return 0.0;
        var sign = 1.0;
        if (f[0] is '-' or '+')
        {
            if (f[0] == '-') sign = -1.0;
            f = f[1..];
        }
        var expAt = f.LastIndexOfAny(['-', '+']);
        string mantissa = f, exponent = "0";
        if (expAt > 0)
        {
            mantissa = f[..expAt];
            exponent = f[expAt..];
        }
        return sign * Dbl("0." + mantissa.Trim()) * Math.Pow(10.0, Int(exponent));
    }

    private static string Col(string line, int first, int last) => line.Substring(first - 1, last - first + 1);

    private static double Dbl(string s)
    {
        var t = s.Trim();
        return t.Length == 0 ? 0.0 : double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static int Int(string s)
    {
        var t = s.Trim();
        return t.Length == 0 ? 0 : int.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }
}
