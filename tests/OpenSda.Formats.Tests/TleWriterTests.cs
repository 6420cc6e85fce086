using OpenSda.Formats.Tle;
using OpenSda.Orbits;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Formats.Tests;

public class TleWriterTests
{
    [Fact]
    public void Writing_the_iss_example_reproduces_its_lines_and_checksums()
    {
        const string l1 = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927";
        const string l2 = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";
        var e = TleParser.Parse(l1, l2).Entry!.Elements;
        var (w1, w2) = TleWriter.Write(e);
        Assert.Equal(l1, w1);
        Assert.Equal(l2, w2);
    }

    [Fact]
    public void Every_set_of_the_space_track_catalog_is_rewritten_column_for_column()
    {
        // Space-Track writes the same fields the same way, so reading then writing must give the file back.
        var lines = File.ReadAllLines(SharedData.Data("spacetrack_gp_20240917.tle"));
        var r = Catalog.CatalogLoader.LoadFile(SharedData.Data("spacetrack_gp_20240917.tle"));
        var mismatches = new List<string>();
        for (var i = 0; i < r.Entries.Count; i++)
        {
            var (w1, w2) = TleWriter.Write(r.Entries[i].Elements);
            if (w1 != lines[2 * i]) mismatches.Add(lines[2 * i] + "\n" + w1);
            if (w2 != lines[2 * i + 1]) mismatches.Add(lines[2 * i + 1] + "\n" + w2);
        }
        Assert.True(mismatches.Count == 0, mismatches.Count + " mismatches:\n" + string.Join("\n", mismatches.Take(10)));
    }

    [Fact]
    public void Write_then_read_returns_the_same_elements_for_random_sets()
    {
        // Property: for any element set on the TLE grid, Read(Write(x)) == x within the format's resolution.
        var rng = new Random(20241101);
        for (var k = 0; k < 5000; k++)
        {
            var sat = rng.Next(0, 340_000);
            var year = rng.Next(1957, 2057);
            var doy = rng.Next(1, DateTime.IsLeapYear(year) ? 367 : 366) + Math.Round(rng.NextDouble(), 8) * 0.99999999;
            doy = Math.Round(doy, 8);
            var e = new MeanElements
            {
                CatalogNumber = sat,
                Name = "OBJ " + k,
                InternationalDesignator = $"{year}-{rng.Next(1, 999):D3}{"ABCZ"[rng.Next(4)]}",
                Classification = "UCS"[rng.Next(3)],
                EpochUtc = JulianDate.FromDayOfYear(year, doy),
                MeanMotionRevPerDay = Math.Round(0.5 + rng.NextDouble() * 16.5, 8),
                Eccentricity = Math.Round(rng.NextDouble() * 0.99, 7),
                InclinationDeg = Math.Round(rng.NextDouble() * 180, 4),
                RaanDeg = Math.Round(rng.NextDouble() * 359.9999, 4),
                ArgPerigeeDeg = Math.Round(rng.NextDouble() * 359.9999, 4),
                MeanAnomalyDeg = Math.Round(rng.NextDouble() * 359.9999, 4),
                BStar = (rng.Next(10000, 100000) / 1e5) * Math.Pow(10, rng.Next(-9, 2)) * (rng.Next(2) == 0 ? -1 : 1),
                MeanMotionDot = Math.Round((rng.NextDouble() - 0.5) * 0.01, 8),
                MeanMotionDDot = rng.Next(10000, 100000) / 1e5 * Math.Pow(10, rng.Next(-9, 0)),
                ElementSetNumber = rng.Next(0, 10000),
                RevolutionNumber = rng.Next(0, 100000),
                EphemerisType = rng.Next(0, 10),
            };
            var text = TleWriter.WriteThreeLine(e);
            var lines = text.Split('\n');
            Assert.All(lines[1..3], l => Assert.Equal(69, l.Length));
            var r = TleParser.Parse(lines[1], lines[2], lines[0], new TleReadOptions { StrictChecksums = true });
            Assert.True(r.Success, text + string.Join("\n", r.Diagnostics));
            var b = r.Entry!.Elements;
            Assert.Equal(sat, b.CatalogNumber);
            Assert.Equal(sat < 100000 ? sat.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) : Alpha5.Encode(sat), r.Entry.CatalogNumberText);
            Assert.Equal(e.Name, b.Name);
            Assert.Equal(e.InternationalDesignator, b.InternationalDesignator);
            Assert.Equal(e.Classification, b.Classification);
            Assert.Equal(0.0, b.EpochUtc.DaysSince(e.EpochUtc), 1e-8); // 1e-8 day resolution
            Assert.Equal(e.MeanMotionRevPerDay, b.MeanMotionRevPerDay, 1e-9);
            Assert.Equal(e.Eccentricity, b.Eccentricity, 1e-10);
            Assert.Equal(e.InclinationDeg, b.InclinationDeg, 1e-9);
            Assert.Equal(e.RaanDeg, b.RaanDeg, 1e-9);
            Assert.Equal(e.ArgPerigeeDeg, b.ArgPerigeeDeg, 1e-9);
            Assert.Equal(e.MeanAnomalyDeg, b.MeanAnomalyDeg, 1e-9);
            Assert.Equal(e.BStar, b.BStar, Math.Abs(e.BStar) * 1e-12);
            Assert.Equal(e.MeanMotionDDot, b.MeanMotionDDot, Math.Abs(e.MeanMotionDDot) * 1e-12);
            Assert.Equal(e.MeanMotionDot, b.MeanMotionDot, 1e-12);
            Assert.Equal(e.ElementSetNumber, b.ElementSetNumber);
            Assert.Equal(e.RevolutionNumber, b.RevolutionNumber);
            Assert.Equal(e.EphemerisType, b.EphemerisType);
        }
    }

    [Fact]
    public void Catalog_numbers_above_Z9999_cannot_be_written_as_tle()
    {
        var e = new MeanElements
        {
            CatalogNumber = 340000, EpochUtc = JulianDate.FromCalendar(2024, 1, 1), MeanMotionRevPerDay = 15,
            Eccentricity = 0.001, InclinationDeg = 51, RaanDeg = 0, ArgPerigeeDeg = 0, MeanAnomalyDeg = 0,
        };
        Assert.False(TleWriter.CanWrite(e, out var why));
        Assert.Contains("340000", why, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TleWriter.Write(e));
    }

    [Theory]
    [InlineData(0.0, " 00000-0")]
    [InlineData(0.12345e-3, " 12345-3")]
    [InlineData(-0.11606e-4, "-11606-4")]
    [InlineData(0.13519, " 13519-0")]
    [InlineData(1.0, " 10000+1")]
    public void Exponent_fields_are_written_as_sign_five_digits_and_a_signed_power(double v, string expected) =>
        Assert.Equal(expected, TleWriter.Exponent(v));
}
