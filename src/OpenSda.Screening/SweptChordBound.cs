using System.Runtime.CompilerServices;

namespace OpenSda.Screening;

/// <summary>
/// The leak-proof sampling argument of the broad phase, and the small functions that implement it.
/// </summary>
/// <remarks>
/// <para><b>Claim.</b> Let the window be sampled at t_k = t₀ + kΔt and let r_i(t) be object i's SGP4
/// position. On [t_k, t_k+1] write L_i(s) = r_i(t_k) + s·(r_i(t_k+1) − r_i(t_k)), s = (t − t_k)/Δt ∈ [0, 1]
/// (the chord). If |r_i(t) − L_i(s)| ≤ e_i on the interval for every object, then for any pair
/// |r_a(t) − r_b(t)| ≥ |ΔL(s)| − e_a − e_b, where ΔL(s) = L_b(s) − L_a(s) is itself the chord of the
/// relative position. Hence a conjunction (range ≤ d) inside [t_k, t_k+1] implies
/// min over s∈[0,1] of |ΔL(s)| ≤ d + e_a + e_b (<see cref="ChordDistance"/>): the <em>swept-chord test</em>.
/// The test is exact in the relative motion to first order, so it needs no bound on the closing
/// speed at all: a head-on pair at 18 km/s and a co-orbital pair at 1 mm/s are treated alike.</para>
/// <para><b>The deviation from the chord.</b> For a function with |r''| ≤ A on an interval of length Δt
/// the linear interpolant errs by at most A·Δt²/8 (the classical interpolation remainder
/// f − L = ½ f''(ξ)(t − t_k)(t − t_k+1), applied to the component along the error direction).
/// SGP4's motion is Keplerian with slowly varying elements plus short-period corrections, so its
/// acceleration is μ/r² up to (a) J2-size secular rates, relative 10⁻³; (b) the short-period radial
/// term, amplitude ≲ 10 km varying at 2u: 4·u̇²·10 km ≲ 0.6 % of μ/r² in LEO and ≲ 0.3 % at perigee
/// of a GTO; (c) drag and lunar–solar terms, ≪ 10⁻⁵ km/s². We take
/// A_i = (1 + κ)·μ / r_low² + A₀ with κ = 5 % and A₀ = 10⁻⁵ km/s², where r_low is a rigorous lower bound of
/// |r_i| over the chunk: the smallest distance of any of its chords to the Earth's centre, minus the same
/// deviation (solved by fixed-point iteration, <see cref="Deviation"/>). This per-object, per-chunk
/// bound is tight for circular orbits and for eccentric objects away from perigee.</para>
/// <para><b>Discontinuities.</b> A jump of size J in r_i(t) inside the interval moves r_i away from the
/// chord by at most J more. SGP4 (near-Earth) is continuous; SDP4 switches the lunar–solar periodics
/// between the direct and the Lyddane form when the perturbed inclination crosses 0.2 rad, a jump of
/// ≈ 0.77 km. Every deep-space object therefore gets J = <see cref="ScreeningOptions.DiscontinuityMarginKm"/>
/// (2 km by default). The resonance integrator of SDP4 is continuous in position (its 720-min steps
/// join with a derivative kink of order 10⁻⁹ rad/min², negligible).</para>
/// <para><b>The grid.</b> If the pair passes the test at some s, the two points L_a(s), L_b(s) lie within
/// d + e_a + e_b of each other, each inside the axis-aligned box of its own chord; so the boxes inflated
/// by h_i = d/2 + e_i overlap. The uniform grid enumerates every overlapping pair of inflated boxes,
/// hence every pair that can pass the chord test, hence every conjunction: no leak. The grid may cut
/// the interval into time-aligned slices and use the (shorter) box of each chord slice, with the same
/// inflation, and it stores boxes in float32 with an outward padding; both keep the argument (see
/// <c>GridBroadPhase</c>).</para>
/// <para><b>Empirical check.</b> Tests verify on catalog subsets that every sampled second difference
/// |r(t+h) − 2r(t) + r(t−h)|/h² stays below the A_i used, and the engine is compared with a dense
/// reference screener.</para>
/// </remarks>
public static class SweptChordBound
{
    /// <summary>κ: relative allowance for SGP4's non-Keplerian acceleration.</summary>
    public const double RelativeAccelerationMargin = 0.05;

    /// <summary>A₀: absolute allowance, km/s².</summary>
    public const double AbsoluteAccelerationMarginKmS2 = 1e-5;

    /// <summary>Acceleration bound, km/s², for an object that stays above <paramref name="lowRadiusKm"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AccelerationBound(double lowRadiusKm)
        => (1.0 + RelativeAccelerationMargin) * OrbitBounds.MuKm3S2 / (lowRadiusKm * lowRadiusKm) + AbsoluteAccelerationMarginKmS2;

    /// <summary>
    /// The bound e on the deviation of the trajectory from its chords, km, for a step <paramref name="stepS"/>,
    /// given the smallest chord distance from the Earth's centre <paramref name="minChordRadiusKm"/> and
    /// a discontinuity allowance <paramref name="jumpKm"/>. Solves r_low = r_chord − e(r_low) by
    /// fixed-point iteration (monotone; converges from above). Returns +∞ when no bound exists
    /// (the chord passes near the centre: such an object is decaying and SGP4 will flag it).
    /// </summary>
    public static double Deviation(double minChordRadiusKm, double stepS, double jumpKm, out double lowRadiusKm)
    {
        var rLow = minChordRadiusKm;
        var e = 0.0;
        for (var iter = 0; iter < 50; iter++)
        {
            if (rLow < 100.0) { lowRadiusKm = 0; return double.PositiveInfinity; }
            e = AccelerationBound(rLow) * stepS * stepS / 8.0 + jumpKm;
            var next = minChordRadiusKm - e;
            if (Math.Abs(next - rLow) < 1e-9) { rLow = next; break; }
            rLow = next;
        }
        lowRadiusKm = rLow;
        if (rLow < 100.0) return double.PositiveInfinity;
        // One final evaluation at the converged (lowest) radius keeps e conservative.
        return AccelerationBound(rLow) * stepS * stepS / 8.0 + jumpKm;
    }

    /// <summary>Minimum over s ∈ [0, 1] of |p0 + s·(p1 − p0)|: distance from the origin to a segment.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ChordDistance(double x0, double y0, double z0, double x1, double y1, double z1, out double s)
    {
        var dx = x1 - x0; var dy = y1 - y0; var dz = z1 - z0;
        var dd = dx * dx + dy * dy + dz * dz;
        s = 0.0;
        if (dd > 0)
        {
            s = -(x0 * dx + y0 * dy + z0 * dz) / dd;
            if (s < 0) s = 0; else if (s > 1) s = 1;
        }
        var px = x0 + s * dx; var py = y0 + s * dy; var pz = z0 + s * dz;
        return Math.Sqrt(px * px + py * py + pz * pz);
    }
}
