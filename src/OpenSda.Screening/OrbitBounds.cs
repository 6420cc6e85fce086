using OpenSda.Orbits;

namespace OpenSda.Screening;

/// <summary>
/// Radial extent of one object's SGP4 trajectory over a window, from its mean elements, used by the
/// apogee/perigee filter (stage 1, after Hoots, Crawford &amp; Roehrich 1984, "An analytical method to
/// determine future close approaches between satellites", Celestial Mechanics 33, the "apogee/perigee
/// filter").
/// </summary>
/// <remarks>
/// <para>The mean semi-major axis is recovered from the published (Kozai) mean motion as SGP4 does
/// (Hoots &amp; Roehrich 1980, Spacetrack Report No. 3, the un-Kozai step with WGS-72 constants); the
/// mean perigee and apogee radii are a(1 ∓ e).</para>
/// <para>SGP4 positions depart from those mean radii by (i) the short-period J2 correction of the radius,
/// |Δr| ≤ r·1.5·k2·√(1−e²)·|3cos²i−1|/p² + ½·k2·sin²i/p in Earth radii (k2 = J2/2, p = a(1−e²)), a few km in LEO;
/// (ii) drag decay over the window; (iii) for deep-space objects, lunar–solar periodic and secular
/// changes of e (of order 10⁻³ over days: up to ~40 km at GEO radius, more in HEO).
/// The margin used is <see cref="MarginKm"/> = 2·(short-period bound) + 0.002·a + 20 km + 0.01·a for deep-space objects
/// + a drag term 50·|B*|·a·days for the window (B* in 1/Earth radii; generous for decaying objects).</para>
/// <para>This filter is a fast pre-filter that only decides which objects the one-against-all mode
/// propagates and which pairs are counted; the leak-proof guarantee of the broad phase does not rest
/// on it: every chunk the engine checks the actual sampled radii of each propagated object against
/// its band and widens the band (and reports it) if the margin was ever too small.</para>
/// </remarks>
public readonly record struct OrbitBounds(double PerigeeKm, double ApogeeKm, double MarginKm, bool IsDeepSpace)
{
    /// <summary>WGS-72 Earth radius, km (SGP4's distance unit).</summary>
    public const double EarthRadiusKm = 6378.135;

    /// <summary>WGS-72 μ, km³/s².</summary>
    public const double MuKm3S2 = 398600.8;

    private const double J2 = 0.001082616;
    private const double K2 = 0.5 * J2;
    private static readonly double Ke = 60.0 / Math.Sqrt(EarthRadiusKm * EarthRadiusKm * EarthRadiusKm / MuKm3S2);

    /// <summary>Lowest radius the filter allows, km.</summary>
    public double LowKm => PerigeeKm - MarginKm;

    /// <summary>Highest radius the filter allows, km.</summary>
    public double HighKm => ApogeeKm + MarginKm;

    /// <summary>Bounds for an element set over a window of <paramref name="windowDays"/> days starting
    /// <paramref name="daysFromEpochAtStart"/> days after the epoch.</summary>
    public static OrbitBounds FromElements(MeanElements el, double daysFromEpochAtStart, double windowDays)
    {
        ArgumentNullException.ThrowIfNull(el);
        var e = Math.Clamp(el.Eccentricity, 0.0, 0.999);
        var no = el.MeanMotionRevPerDay * 2.0 * Math.PI / 1440.0; // rad/min
        if (!(no > 0)) return new OrbitBounds(0, double.PositiveInfinity, 0, true);
        var inc = el.InclinationDeg * Math.PI / 180.0;
        var cosi = Math.Cos(inc);
        var beta2 = 1.0 - e * e;
        var theta2 = cosi * cosi;
        // Un-Kozai the mean motion (Spacetrack Report No. 3, SGP4 initialisation).
        var a1 = Math.Pow(Ke / no, 2.0 / 3.0);
        var d1 = 1.5 * K2 * (3.0 * theta2 - 1.0) / (Math.Sqrt(beta2) * beta2) / (a1 * a1);
        var a0 = a1 * (1.0 - d1 / 3.0 - d1 * d1 - 134.0 / 81.0 * d1 * d1 * d1);
        var d0 = 1.5 * K2 * (3.0 * theta2 - 1.0) / (Math.Sqrt(beta2) * beta2) / (a0 * a0);
        var noDoublePrime = no / (1.0 + d0);
        var aEr = a0 / (1.0 - d0);
        var deep = 2.0 * Math.PI / noDoublePrime >= 225.0;
        var aKm = aEr * EarthRadiusKm;
        var pEr = Math.Max(aEr * beta2, 0.05);
        var rMaxEr = aEr * (1 + e);
        var shortPeriodEr = rMaxEr * 1.5 * K2 * Math.Sqrt(beta2) * Math.Abs(3 * theta2 - 1) / (pEr * pEr)
                            + 0.5 * K2 * (1 - theta2) / pEr;
        var days = Math.Abs(daysFromEpochAtStart) + Math.Abs(windowDays);
        var margin = 2.0 * shortPeriodEr * EarthRadiusKm + 0.002 * aKm + 20.0
                     + (deep ? 0.01 * aKm : 0.0)
                     + 50.0 * Math.Abs(el.BStar) * aKm * Math.Max(windowDays, 1.0)
                     + 1e-4 * aKm * days; // slow secular drift of the elements since epoch
        return new OrbitBounds(aKm * (1 - e), aKm * (1 + e), margin, deep);
    }

    /// <summary>True when the two radial bands, widened by <paramref name="thresholdKm"/>, overlap:
    /// the pair might come within the threshold. False proves they never do.</summary>
    public static bool MayMeet(in OrbitBounds a, in OrbitBounds b, double thresholdKm)
        => Math.Max(a.LowKm, b.LowKm) - Math.Min(a.HighKm, b.HighKm) <= thresholdKm;
}
