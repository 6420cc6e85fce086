using OpenSda.Frames;
using OpenSda.Mathematics;

namespace OpenSda.Core.Tests.Frames;

public class GeodeticTests
{
    [Fact]
    public void Vallado_example_3_3_position_gives_the_published_geodetic_latitude_longitude_and_height()
    {
        // Vallado, Fundamentals 4th ed., Example 3-3: r = (6524.834, 6862.875, 6448.296) km →
        // φ_gd = 34.352496°, λ = 46.4464°, h_ellp = 5085.22 km.
        var p = Wgs84.FromEcef(new Vec3(6524.834, 6862.875, 6448.296));
        // Published to 6, 4 and 2 decimals; the exact solution is 34.3524951…°, so latitude is held to ±1.5e-6°
        // (Vallado's iteration stops at a looser tolerance), longitude and height to their printed digits.
        Assert.Equal(34.352496, p.LatitudeDeg, 1.5e-6);
        Assert.Equal(46.4464, p.LongitudeDeg, 5e-5);
        Assert.Equal(5085.22, p.HeightKm, 5e-3);
    }

    [Fact]
    public void Vallado_example_7_1_site_gives_the_published_ECEF_position()
    {
        // Vallado, Fundamentals 4th ed., Example 7-1: φ_gd = 39.007°, λ = −104.883°, h = 2.187 km →
        // r_site = (−1275.1219, −4797.9890, 3994.2975) km.
        var r = Wgs84.ToEcef(new GeodeticPoint(39.007, -104.883, 2.187));
        Assert.Equal(-1275.1219, r.X, 4);
        Assert.Equal(-4797.9890, r.Y, 4);
        Assert.Equal(3994.2975, r.Z, 4);
    }

    [Fact]
    public void Geodetic_to_ECEF_and_back_round_trips_to_1_micrometre_from_the_poles_to_GEO()
    {
        var rng = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var lat = rng.NextDouble() * 180 - 90;
            var lon = rng.NextDouble() * 360 - 180;
            var h = rng.NextDouble() * 40_000 - 5;
            var r = Wgs84.ToEcef(new GeodeticPoint(lat, lon, h));
            var back = Wgs84.ToEcef(Wgs84.FromEcef(r));
            Assert.True((back - r).Norm < 1e-9, $"lat {lat} lon {lon} h {h}: {(back - r).Norm}");
        }
    }

    [Fact]
    public void Points_on_the_polar_axis_have_latitude_90_and_height_above_the_pole()
    {
        var p = Wgs84.FromEcef(new Vec3(0, 0, Wgs84.PolarRadiusKm + 1));
        Assert.Equal(90.0, p.LatitudeDeg, 12);
        Assert.Equal(1.0, p.HeightKm, 9);
    }
}
