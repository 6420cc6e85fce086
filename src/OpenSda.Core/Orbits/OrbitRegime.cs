namespace OpenSda.Orbits;

/// <summary>
/// Broad orbit regimes, as a watch floor sorts the catalog. The boundaries follow common SDA
/// practice (e.g. ESA's Space Environment Report classes), simplified to what mean elements give.
/// </summary>
public enum OrbitRegime
{
    /// <summary>Low Earth orbit: apogee below 2,000 km altitude.</summary>
    Leo,
    /// <summary>Medium Earth orbit: perigee at or above 2,000 km, apogee below 31,570 km (GNSS lives here).</summary>
    Meo,
    /// <summary>Geosynchronous: period 1,300–1,800 min, eccentricity below 0.25 (GEO belt and its graveyard).</summary>
    Geo,
    /// <summary>Highly eccentric: eccentricity 0.25 or more (GTO, Molniya, HEO).</summary>
    Heo,
    /// <summary>Anything else: between the belts, or beyond GEO.</summary>
    Other,
}

/// <summary>Derived orbit quantities from a GP element set.</summary>
public static class OrbitGeometry
{
    /// <summary>Earth's gravitational parameter (WGS-72, as SGP4), km³/s².</summary>
    public const double MuKm3S2 = 398_600.8;

    /// <summary>Earth's equatorial radius (WGS-72), km.</summary>
    public const double EarthRadiusKm = 6_378.135;

    /// <summary>Semi-major axis in km from the mean motion (two-body; ignores the J2 un-Kozai step, a few km at most).</summary>
    public static double SemiMajorAxisKm(double meanMotionRevPerDay)
    {
        var n = meanMotionRevPerDay * 2.0 * Math.PI / 86_400.0; // rad/s
        return Math.Cbrt(MuKm3S2 / (n * n));
    }

    /// <summary>Orbital period in minutes.</summary>
    public static double PeriodMinutes(double meanMotionRevPerDay) => 1440.0 / meanMotionRevPerDay;

    /// <summary>Perigee altitude above the equatorial radius, km.</summary>
    public static double PerigeeAltitudeKm(MeanElements e) =>
        SemiMajorAxisKm(e.MeanMotionRevPerDay) * (1 - e.Eccentricity) - EarthRadiusKm;

    /// <summary>Apogee altitude above the equatorial radius, km.</summary>
    public static double ApogeeAltitudeKm(MeanElements e) =>
        SemiMajorAxisKm(e.MeanMotionRevPerDay) * (1 + e.Eccentricity) - EarthRadiusKm;

    /// <summary>The regime of an element set.</summary>
    public static OrbitRegime Regime(MeanElements e)
    {
        if (!(e.MeanMotionRevPerDay > 0)) return OrbitRegime.Other;
        var period = PeriodMinutes(e.MeanMotionRevPerDay);
        if (e.Eccentricity >= 0.25) return OrbitRegime.Heo;
        if (period is >= 1300 and <= 1800) return OrbitRegime.Geo;
        var apogee = ApogeeAltitudeKm(e);
        var perigee = PerigeeAltitudeKm(e);
        if (apogee < 2000) return OrbitRegime.Leo;
        if (perigee >= 2000 && apogee < 31_570) return OrbitRegime.Meo;
        return OrbitRegime.Other;
    }
}
