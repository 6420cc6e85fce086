using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>Coarse object class used by <see cref="DefaultCovarianceModel"/>.</summary>
public enum ObjectKind
{
    /// <summary>Active or inactive payload.</summary>
    Payload,

    /// <summary>Rocket body.</summary>
    RocketBody,

    /// <summary>Debris.</summary>
    Debris,

    /// <summary>Unknown (treated like debris).</summary>
    Unknown,
}

/// <summary>
/// A documented default covariance for objects without one (typically GP/TLE element sets), used by screening
/// so that a Pc can still be ranked. Results computed with it carry <see cref="PcUsageFlags.DefaultCovariance"/>
/// and must be read as indicative.
/// </summary>
/// <remarks>
/// <para>The model is diagonal in RTN: σ_k(age) = σ0_k + ṡ_k·age + s̈_k·age² (age = |TCA − element-set epoch| in
/// days), k ∈ {R, T, N}, with the in-track (T) error growing fastest, as found for SGP4/TLE predictions by
/// Flohrer, Krag &amp; Klinkrad (2008), "Assessment and categorization of TLE orbit errors for the US SSN
/// catalogue" (AMOS), and Vallado et al. (2006), "Revisiting Spacetrack Report #3". Their LEO epoch errors are of
/// order 0.1–0.2 km radial, 0.4–1 km in-track and 0.1–0.3 km cross-track, growing by roughly a kilometre per
/// day in-track. The numbers below are round values in that range (payload/rocket body) with debris doubled;
/// they are engineering defaults, not fitted statistics.</para>
/// <para>Velocity sigmas follow the two-body coupling between position and velocity errors: σ_vR ≈ n·σ_T/2,
/// σ_vT ≈ 2n·σ_R, σ_vN ≈ n·σ_N (Clohessy–Wiltshire scale, n = mean motion of the state), uncorrelated.</para>
/// </remarks>
public static class DefaultCovarianceModel
{
    /// <summary>Per-kind coefficients: (σ0 R,T,N in m; rate R,T,N in m/day; in-track m/day²).</summary>
    public static (Vec3 Sigma0M, Vec3 RateMPerDay, double InTrackAccelMPerDay2) Coefficients(ObjectKind kind) => kind switch
    {
        ObjectKind.Payload => (new Vec3(100, 400, 150), new Vec3(30, 500, 30), 50),
        ObjectKind.RocketBody => (new Vec3(120, 500, 150), new Vec3(40, 600, 40), 80),
        _ => (new Vec3(200, 1000, 300), new Vec3(80, 1200, 80), 200),
    };

    /// <summary>The 1-σ RTN position uncertainties (m) for a kind and element-set age.</summary>
    public static Vec3 SigmasRtnM(ObjectKind kind, double ageDays)
    {
        var a = Math.Abs(ageDays);
        var (s0, rate, acc) = Coefficients(kind);
        return new Vec3(s0.X + rate.X * a, s0.Y + rate.Y * a + acc * a * a, s0.Z + rate.Z * a);
    }

    /// <summary>
    /// The default 6×6 RTN covariance (m², m²/s²) of an object of <paramref name="kind"/> whose element set is
    /// <paramref name="ageDays"/> old at TCA, for the ECI state <paramref name="stateEci"/> (km, km/s).
    /// </summary>
    public static StateCovariance For(ObjectKind kind, double ageDays, StateVector stateEci)
    {
        var s = SigmasRtnM(kind, ageDays);
        var period = UsageViolations.PeriodS(stateEci.PositionKm * 1000, stateEci.VelocityKmS * 1000);
        var n = double.IsInfinity(period) ? 0 : 2 * Math.PI / period;
        var vr = n * s.Y / 2;
        var vt = 2 * n * s.X;
        var vn = n * s.Z;
        var m = Mat6.FromFunc((i, j) => i != j ? 0 : i switch
        {
            0 => s.X * s.X,
            1 => s.Y * s.Y,
            2 => s.Z * s.Z,
            3 => vr * vr,
            4 => vt * vt,
            _ => vn * vn,
        });
        return new StateCovariance(m, CovarianceFrame.Rtn, CovarianceSource.DefaultModel);
    }
}
