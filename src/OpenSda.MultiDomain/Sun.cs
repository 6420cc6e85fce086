using OpenSda.Mathematics;
using OpenSda.Time;

namespace OpenSda.MultiDomain;

/// <summary>
/// Low-precision Sun position and Earth-shadow test.
/// </summary>
/// <remarks>
/// Position: the Astronomical Almanac's low-precision formulae (Vallado 2013, Algorithm 29 "SUN"): mean longitude
/// λ_M = 280.460° + 36 000.771°·T, mean anomaly M = 357.529 109 2° + 35 999.050 34°·T, ecliptic longitude
/// λ = λ_M + 1.914 666 471° sin M + 0.019 994 643° sin 2M, obliquity ε = 23.439 291° − 0.013 004 2°·T,
/// distance r = 1.000 140 612 − 0.016 708 617 cos M − 0.000 139 589 cos 2M AU; about 0.01° accuracy from 1950 to
/// 2050. The result is in the mean equator and equinox of date, which differs from TEME by the nutation in right
/// ascension (under 20″), far below what sunlit/dark decisions need.
/// Shadow: the cylindrical Earth-shadow model (Vallado 2013, Algorithm 34 "SHADOW", umbra only, cylinder of
/// radius R⊕): a satellite is in shadow when it is on the night side (r·ŝ &lt; 0) and its distance from the Sun–Earth
/// line is under R⊕. The penumbra (a few seconds of each eclipse entry for LEO) is counted as sunlit.
/// </remarks>
public static class Sun
{
    /// <summary>Astronomical unit, km.</summary>
    public const double AuKm = 149_597_870.7;

    /// <summary>Earth radius of the shadow cylinder, km (WGS-84 equatorial).</summary>
    public const double EarthRadiusKm = 6378.137;

    private const double Deg = Math.PI / 180.0;

    /// <summary>Sun position (km), mean equator and equinox of date (≈ TEME), at a UTC Julian date.</summary>
    public static Vec3 PositionKm(JulianDate utc)
    {
        // UT1 ≈ TDB here: the 69 s offset moves the Sun by 0.0008°.
        var t = utc.DaysSince(new JulianDate(JulianDate.J2000, 0)) / 36_525.0;
        var meanLongitude = 280.460 + 36_000.771 * t;
        var meanAnomaly = (357.5291092 + 35_999.05034 * t) * Deg;
        var eclipticLongitude = (meanLongitude + 1.914666471 * Math.Sin(meanAnomaly) + 0.019994643 * Math.Sin(2 * meanAnomaly)) * Deg;
        var obliquity = (23.439291 - 0.0130042 * t) * Deg;
        var r = (1.000140612 - 0.016708617 * Math.Cos(meanAnomaly) - 0.000139589 * Math.Cos(2 * meanAnomaly)) * AuKm;
        var (sl, cl) = Math.SinCos(eclipticLongitude);
        var (se, ce) = Math.SinCos(obliquity);
        return new Vec3(r * cl, r * ce * sl, r * se * sl);
    }

    /// <summary>True when a satellite at <paramref name="satelliteKm"/> is outside the cylindrical Earth shadow.</summary>
    public static bool IsSunlit(Vec3 satelliteKm, Vec3 sunKm)
    {
        var s = sunKm.Unit;
        var along = Vec3.Dot(satelliteKm, s);
        if (along >= 0) return true;
        var perp = satelliteKm - along * s;
        return perp.Norm > EarthRadiusKm;
    }
}
