using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Core.Tests.Sgp4;

public class TestTleTests
{
    [Fact]
    public void Fields_of_a_verification_tle_are_read_from_their_columns()
    {
        var el = TestTle.Parse(
            "1 16925U 86065D   06151.67415771  .02550794 -30915-6  18784-3 0  4486",
            "2 16925  62.0906 295.0239 5596327 245.1593  47.9690  4.88511875148616      0.0      1440.0        120.00");
        Assert.Equal(16925, el.CatalogNumber);
        Assert.Equal("1986-065D", el.InternationalDesignator);
        Assert.Equal(JulianDate.FromDayOfYear(2006, 151.67415771), el.EpochUtc);
        Assert.Equal(0.02550794, el.MeanMotionDot);
        Assert.Equal(-0.30915e-6, el.MeanMotionDDot, 1e-18);
        Assert.Equal(0.18784e-3, el.BStar, 1e-15);
        Assert.Equal(62.0906, el.InclinationDeg);
        Assert.Equal(0.5596327, el.Eccentricity);
        Assert.Equal(4.88511875, el.MeanMotionRevPerDay);
        Assert.Equal(14861, el.RevolutionNumber);
    }

    [Theory]
    [InlineData("25544", 25544)]
    [InlineData("A0000", 100000)]
    [InlineData("H9999", 179999)]
    [InlineData("J0000", 180000)]
    [InlineData("P0001", 230001)]
    [InlineData("Z9999", 339999)]
    public void Alpha5_catalog_numbers_decode(string field, int expected) => Assert.Equal(expected, TestTle.Alpha5(field));

    [Fact]
    public void Blank_designator_and_short_fields_load()
    {
        var el = TestTle.Parse(
            "1 11801U          80230.29629788  .01431103  00000-0  14311-1      13",
            "2 11801  46.7916 230.4354 7318036  47.4722  10.4117  2.28537848    13      0.0      1440.0        360.00");
        Assert.Null(el.InternationalDesignator);
        Assert.Equal(0.14311e-1, el.BStar, 1e-15);
        // This line is short by one column: "13" spans columns 68-69, so columns 65-68 hold "   1".
        Assert.Equal(1, el.ElementSetNumber);
    }
}
