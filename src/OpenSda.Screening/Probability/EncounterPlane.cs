using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>
/// The 2-D encounter ("conjunction") plane of a short encounter, built with CARA's PcCircle conventions:
/// relative state r = r₁−r₂, v = v₁−v₂; axes ŷ = v/|v|, ẑ = (r×v)/|r×v|, x̂ = ŷ×ẑ; the combined position
/// covariance C₁+C₂ projected on (x̂, ẑ); principal axes of that 2×2 matrix with non-positive-definite
/// remediation by eigenvalue clipping at (F·HBR)², F = 1e-4 (Hall et al. 2017, "Remediating
/// non-positive-definite state covariances for collision probability estimation", IAA-ICSSA-17-01);
/// and the miss vector taken with the full 3-D length |r| (not its in-plane projection) and resolved on the
/// principal axes as (xm, zm) ≥ 0.
/// </summary>
public sealed record EncounterPlane
{
    /// <summary>The eigenvalue clipping factor F (clip level (F·HBR)²).</summary>
    public const double ClipFactor = 1e-4;

    /// <summary>Miss-vector component along the major principal axis (m, ≥ 0).</summary>
    public double XmM { get; init; }

    /// <summary>Miss-vector component along the minor principal axis (m, ≥ 0).</summary>
    public double ZmM { get; init; }

    /// <summary>Standard deviation along the major axis (m).</summary>
    public double SigmaXM { get; init; }

    /// <summary>Standard deviation along the minor axis (m).</summary>
    public double SigmaZM { get; init; }

    /// <summary>Hard-body radius (m).</summary>
    public double HbrM { get; init; }

    /// <summary>Full 3-D miss distance |r₁−r₂| (m).</summary>
    public double MissDistanceM { get; init; }

    /// <summary>Relative speed |v₁−v₂| (m/s).</summary>
    public double RelativeSpeedMS { get; init; }

    /// <summary>Projected combined covariance in (x̂, ẑ): elements (xx, xz, zz), m².</summary>
    public (double Xx, double Xz, double Zz) ProjectedCovarianceM2 { get; init; }

    /// <summary>True when the (clipped) projected covariance is positive definite.</summary>
    public bool IsPositiveDefinite { get; init; }

    /// <summary>True when eigenvalue clipping changed the projected covariance.</summary>
    public bool IsRemediated { get; init; }

    /// <summary>Angle (rad) from x̂ to the major principal axis, in (−π/2, π/2].</summary>
    public double ClockAngleRad { get; init; }

    /// <summary>Encounter-frame axes in ECI.</summary>
    public (Vec3 X, Vec3 Y, Vec3 Z) Axes { get; init; }

    /// <summary>
    /// Projects a relative state and combined position covariance (metres) to the encounter plane.
    /// Returns null when the relative velocity is zero (plane undefined).
    /// </summary>
    public static EncounterPlane? Build(Vec3 relPositionM, Vec3 relVelocityMS, Mat3 combinedCovM2, double hbrM)
    {
        return TryProject(relPositionM, relVelocityMS, combinedCovM2, hbrM, out var p) ? FromProjection(p, hbrM) : null;
    }

    /// <summary>The plane of a projection computed by <see cref="TryProject"/>.</summary>
    internal static EncounterPlane FromProjection(in Projection p, double hbrM) => new()
    {
        XmM = p.XmM,
        ZmM = p.ZmM,
        SigmaXM = p.SigmaXM,
        SigmaZM = p.SigmaZM,
        HbrM = hbrM,
        MissDistanceM = p.MissDistanceM,
        RelativeSpeedMS = p.RelativeSpeedMS,
        ProjectedCovarianceM2 = (p.Cxx, p.Cxz, p.Czz),
        IsPositiveDefinite = p.IsPositiveDefinite,
        IsRemediated = p.IsRemediated,
        ClockAngleRad = p.ClockAngleRad,
        Axes = (p.X, p.Y, p.Z),
    };

    /// <summary>The projection of <see cref="Build"/> as a value (no allocation).</summary>
    internal readonly record struct Projection(
        double XmM, double ZmM, double SigmaXM, double SigmaZM, double MissDistanceM, double RelativeSpeedMS,
        double Cxx, double Cxz, double Czz, bool IsPositiveDefinite, bool IsRemediated, double ClockAngleRad, Vec3 X, Vec3 Y, Vec3 Z);

    /// <summary>
    /// Projects onto the encounter plane: false when the relative speed is zero or NaN. The 2×2 eigen-decomposition
    /// is closed-form (trace/determinant eigenvalues, rotation angle ½·atan2(2b, a − d)).
    /// </summary>
    internal static bool TryProject(Vec3 relPositionM, Vec3 relVelocityMS, Mat3 combinedCovM2, double hbrM, out Projection projection)
    {
        projection = default;
        var vmag = relVelocityMS.Norm;
        if (vmag == 0 || double.IsNaN(vmag)) return false;
        var y = relVelocityMS / vmag;
        var h = Vec3.Cross(relPositionM, relVelocityMS);
        var hn = h.Norm;
        Vec3 z;
        if (hn > 0)
        {
            z = h / hn;
        }
        else
        {
            // r parallel to v (or zero): any normal to v will do.
            var trial = Math.Abs(y.X) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
            z = Vec3.Cross(y, trial).Unit;
        }
        var x = Vec3.Cross(y, z);
        var a = combinedCovM2.Bilinear(x, x);
        var b = combinedCovM2.Bilinear(x, z);
        var d = combinedCovM2.Bilinear(z, z);

        // Symmetric 2x2 eigen-decomposition.
        // Eigenvalues from trace and determinant, in the same arithmetic as CARA eig2x2 (regression values
        // for ill-conditioned cases depend on it at the 1e-8 level).
        var tr = a + d;
        var det = a * d - b * b;
        var disc = Math.Sqrt(Math.Max(tr * tr - 4 * det, 0));
        var l1 = (tr + disc) / 2;
        var l2 = (tr - disc) / 2;
        var theta = 0.5 * Math.Atan2(2 * b, a - d);
        var (s, c) = Math.SinCos(theta);

        var remediated = false;
        if (!double.IsInfinity(hbrM))
        {
            var clip = (ClipFactor * hbrM) * (ClipFactor * hbrM);
            if (l1 < clip) { l1 = clip; remediated = true; }
            if (l2 < clip) { l2 = clip; remediated = true; }
        }

        var rm = relPositionM.Norm;
        projection = new Projection(rm * Math.Abs(c), rm * Math.Abs(s), Math.Sqrt(Math.Max(l1, 0)), Math.Sqrt(Math.Max(l2, 0)),
            rm, vmag, a, b, d, l2 > 0, remediated, theta, x, y, z);
        return true;
    }
}
