using System.Globalization;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Core.Tests.Time;

public class EarthOrientationTests
{
    private static readonly EarthOrientationData Bundled = BundledData.EarthOrientation();

    /// <summary>Rows of the reference copy in shared/, read independently: MJD → (x, y, UT1−UTC, LOD).</summary>
    private static readonly Dictionary<int, double[]> ReferenceRows = File.ReadLines(SharedData.Data("earth-orientation", "eopc04_IAU2000.62-now.txt"))
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(p => p.Length >= 14 && p[0].Length == 4 && char.IsAsciiDigit(p[0][0]))
        .ToDictionary(p => int.Parse(p[3], CultureInfo.InvariantCulture), p => p[4..8].Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray());

    [Fact]
    public void The_bundled_C04_series_covers_1962_01_01_to_2022_11_29()
    {
        Assert.Equal(37665, Bundled.FirstMjd);
        Assert.Equal(59912, Bundled.LastMjd);
        Assert.Equal(ReferenceRows.Count, Bundled.Records.Count);
    }

    [Theory]
    [InlineData(37665)]
    [InlineData(53101)] // 2004-04-06
    [InlineData(57753)] // 2016-12-31
    [InlineData(57754)] // 2017-01-01
    [InlineData(59912)]
    public void Values_at_a_row_equal_the_row_of_the_C04_file(int mjd)
    {
        var row = ReferenceRows[mjd];
        var v = Bundled.At(mjd);
        Assert.Equal(row[0], v.XpArcsec, 12);
        Assert.Equal(row[1], v.YpArcsec, 12);
        Assert.Equal(row[2], v.Ut1MinusUtcSeconds, 12);
        Assert.Equal(row[3], v.LodSeconds, 12);
        Assert.True(v.IsCovered);
    }

    [Fact]
    public void Values_between_rows_are_the_linear_interpolation_of_the_C04_rows()
    {
        var a = ReferenceRows[53101];
        var b = ReferenceRows[53102];
        var v = Bundled.At(53101.25);
        Assert.Equal(0.75 * a[0] + 0.25 * b[0], v.XpArcsec, 12);
        Assert.Equal(0.75 * a[2] + 0.25 * b[2], v.Ut1MinusUtcSeconds, 12);
    }

    [Fact]
    public void UT1_minus_UTC_interpolation_removes_the_leap_second_jump()
    {
        // 2016-12-31 → 2017-01-01: UT1−UTC jumps by +1 s; halfway through Dec 31 it must stay near the Dec 31 value.
        var a = ReferenceRows[57753][2];
        var b = ReferenceRows[57754][2];
        Assert.True(b - a > 0.9);
        var v = Bundled.At(57753.5).Ut1MinusUtcSeconds;
        Assert.Equal(0.5 * (a + b - 1.0), v, 12);
    }

    [Fact]
    public void Outside_the_data_polar_motion_is_zero_and_UT1_minus_UTC_holds_the_last_value()
    {
        var v = Bundled.At(60615); // 2024-11-01
        Assert.False(v.IsCovered);
        Assert.Equal(0.0, v.XpArcsec);
        Assert.Equal(0.0, v.YpArcsec);
        Assert.Equal(ReferenceRows[59912][2], v.Ut1MinusUtcSeconds);
        Assert.NotNull(Bundled.CoverageWarning(60615));
        Assert.Null(Bundled.CoverageWarning(59000));
    }

    [Fact]
    public void A_finals2000A_line_is_read_from_its_fixed_columns()
    {
        // Build one finals2000A-layout line: MJD 60615, x = 0.123456″, y = 0.234567″, UT1−UTC = 0.0312345 s,
        // LOD = 0.1234 ms, dX = 0.321 mas, dY = −0.123 mas.
        var line = new char[188];
        Array.Fill(line, ' ');
        void Put(int first, string text) => text.CopyTo(0, line, first - 1, text.Length);
        Put(1, "241101");
        Put(8, "60615.00");
        Put(17, "I");
        Put(19, " 0.123456");
        Put(38, " 0.234567");
        Put(58, "I");
        Put(59, " 0.0312345");
        Put(80, " 0.1234");
        Put(96, "I");
        Put(98, "    0.321");
        Put(117, "   -0.123");
        var result = EarthOrientationData.ParseFinals(new StringReader(new string(line) + "\n"), "finals2000A.test");
        Assert.Empty(result.Errors);
        var r = Assert.Single(result.Data!.Records);
        Assert.Equal(new EopRecord(60615, 0.123456, 0.234567, 0.0312345, 0.0001234, 0, 0, 0.000321, -0.000123), r);
    }

    [Fact]
    public void A_C04_file_with_a_bad_field_reports_file_line_and_field()
    {
        var text = "header\n2004   4   6  53101  -0.140682   0.333309  -0.4399619   0.0015563   0.000000   0.000000 0 0 0 0 0 0\n2004   4   7  53102  bad   0.3   -0.44   0.0015   0 0 0 0 0 0 0 0\n";
        var result = EarthOrientationData.ParseC04(new StringReader(text), "c04.test");
        Assert.Single(result.Data!.Records);
        Assert.Equal("c04.test:3: field 'x' value 'bad' is not a number", Assert.Single(result.Errors));
    }
}
