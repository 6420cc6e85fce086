using OpenSda.Orbits;
using OpenSda.Time;

namespace OpenSda.Core.Tests;

public class OrbitRegimeTests
{
    private static MeanElements Elements(double n, double e) => new()
    {
        CatalogNumber = 1, EpochUtc = JulianDate.FromCalendar(2024, 11, 1), MeanMotionRevPerDay = n,
        Eccentricity = e, InclinationDeg = 51.6, RaanDeg = 0, ArgPerigeeDeg = 0, MeanAnomalyDeg = 0,
    };

    [Theory]
    [InlineData(15.5, 0.0005, OrbitRegime.Leo)]     // ISS-like
    [InlineData(2.0057, 0.001, OrbitRegime.Meo)]    // GPS (12 h)
    [InlineData(1.0027, 0.0002, OrbitRegime.Geo)]   // geostationary
    [InlineData(2.006, 0.72, OrbitRegime.Heo)]      // Molniya
    [InlineData(2.25, 0.73, OrbitRegime.Heo)]       // GTO
    public void Typical_orbits_fall_in_their_regime(double n, double e, OrbitRegime expected) =>
        Assert.Equal(expected, OrbitGeometry.Regime(Elements(n, e)));

    [Fact]
    public void A_geostationary_mean_motion_gives_the_geostationary_radius_within_2_km()
    {
        // One sidereal day: 1.00273791 rev/day → a = 42,164 km (Vallado, Fundamentals, §2.2).
        Assert.Equal(42_164.0, OrbitGeometry.SemiMajorAxisKm(1.002_737_91), 2.0);
    }
}
