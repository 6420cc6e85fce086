using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>
/// The relative position-velocity PDF at a time t, linearised about the "peak overlap position" (POP) of the two
/// objects' position PDFs (Hall 2021, J. Spacecraft Rockets 58(3), §III.B–C; CARA PeakOverlapPos):
/// each object's epoch PDF is Gaussian in equinoctial elements, E ~ N(Ē₀, Q₀), mapped to time t by two-body motion.
/// The map is expanded to first order about an expansion-centre orbit E_s, X(t) ≈ X_s(t) + J_s(t)(E₀ − E_s), which gives
/// a Gaussian with mean x_u = X_s + J_s(Ē₀ − E_s) and covariance J_s Q₀ J_sᵀ. The centre is iterated to the point
/// where the two position PDFs overlap most: μ_p = (A₁⁻¹ + A₂⁻¹)⁻¹(A₁⁻¹ r_u1 + A₂⁻¹ r_u2), with each object's
/// velocity taken as its conditional mean there, v_p = v_u + B A⁻¹(μ_p − r_u).
/// </summary>
internal sealed class PeakOverlap
{
    /// <summary>One object: epoch equinoctial mean and covariance.</summary>
    internal sealed record Body(Equinoctial E0, double[] Q0);

    /// <summary>Result at one time; when not converged, the mean-trajectory (un-re-centred) expansion.</summary>
    internal readonly record struct State(bool Converged, Vec3 Ru, Vec3 Vu, double[] Ps);

    private readonly Body _b1;
    private readonly Body _b2;
    private readonly double _hbr;
    private readonly double _clip;

    public PeakOverlap(Body b1, Body b2, double hbrM, double clipFactor = 1e-4)
    {
        _b1 = b1;
        _b2 = b2;
        _hbr = hbrM;
        _clip = (clipFactor * hbrM) * (clipFactor * hbrM);
    }

    /// <summary>Epoch elements and equinoctial covariance Q = K P Kᵀ (K = (∂X/∂E)⁻¹) of a Cartesian state and covariance.</summary>
    public static Body? FromCartesian(Vec3 r, Vec3 v, Mat6 p)
    {
        if (!Equinoctial.TryFromCartesian(r, v, out var e)) return null;
        Span<double> j = stackalloc double[36];
        e.JacobianAt(0, j);
        Span<double> k = stackalloc double[36];
        if (!Dense.Invert(j, k, 6)) return null;
        Span<double> pa = stackalloc double[36];
        for (var i = 0; i < 6; i++)
            for (var c = 0; c < 6; c++)
                pa[i * 6 + c] = p[i, c];
        var q = new double[36];
        Dense.Congruence6(k, pa, q);
        return new Body(e, q);
    }

    /// <summary>Angle difference wrapped the way CARA does (asin of the sine of the difference).</summary>
    private static double AngleDiff(double a, double b) => Math.Asin(Math.Clamp(Math.Sin(a - b), -1, 1));

    /// <summary>Iterates the expansion centre to the peak overlap position at time t (seconds from TCA).</summary>
    public State Solve(double t, int maxIter = 100)
    {
        const double md2Tol = 1e-6;
        const double md2TolLoose = 1e-3;
        var avgIter = Math.Min(35, (int)Math.Round(maxIter * 0.35));
        var accIter = Math.Min(25, (int)Math.Round(maxIter * 0.25));
        var oscIter = Math.Min(15, (int)Math.Round(maxIter * 0.15));

        var js1 = new double[36];
        var js2 = new double[36];
        var es1 = _b1.E0;
        var es2 = _b2.E0;
        var (rs1, vs1) = es1.JacobianAt(t, js1);
        var (rs2, vs2) = es2.JacobianAt(t, js2);
        var ps1 = new double[36];
        var ps2 = new double[36];
        Vec3 mupOld = default, mupOld2 = default;
        var iteration = 0;
        State meanState = default;
        var converged = false;
        while (true)
        {
            // Linearised means about the current expansion centres.
            var (ru1, vu1) = Offset(rs1, vs1, js1, _b1.E0, es1, iteration);
            var (ru2, vu2) = Offset(rs2, vs2, js2, _b2.E0, es2, iteration);
            Dense.Congruence6(js1, _b1.Q0, ps1);
            Dense.Congruence6(js2, _b2.Q0, ps2);
            if (iteration == 0)
            {
                var p0 = new double[36];
                for (var i = 0; i < 36; i++) p0[i] = ps1[i] + ps2[i];
                meanState = new State(false, ru2 - ru1, vu2 - vu1, p0);
            }
            var (a1i, _) = Dense.ClippedInverse(Dense.Block3(ps1, 0, 0), _clip);
            var (a2i, _) = Dense.ClippedInverse(Dense.Block3(ps2, 0, 0), _clip);
            var sigp = (a1i + a2i).Inverse();
            var mup = sigp * (a1i * ru1 + a2i * ru2);
            var sigpRemInv = (sigp + Mat3.Diagonal(_hbr * _hbr, _hbr * _hbr, _hbr * _hbr)).Inverse();
            if (iteration > avgIter) mup = 0.5 * (mup + mupOld);
            var b1 = Dense.Block3(ps1, 3, 0);
            var b2 = Dense.Block3(ps2, 3, 0);
            var vp1 = vu1 + b1 * (a1i * (mup - ru1));
            var vp2 = vu2 + b2 * (a2i * (mup - ru2));
            var e0 = -Equinoctial.Mu / mup.Norm;
            if (vp1.NormSquared / 2 + e0 >= 0 || vp2.NormSquared / 2 + e0 >= 0) return meanState;

            var iterating = true;
            if (iteration > 0)
            {
                var d = mupOld - mup;
                var dmd2 = sigpRemInv.Bilinear(d, d);
                if (dmd2 <= md2Tol)
                {
                    iterating = false;
                    converged = true;
                }
                else if (iteration >= maxIter)
                {
                    return meanState;
                }
                else if (iteration > oscIter)
                {
                    var dosc = mupOld2 - mup;
                    if (sigpRemInv.Bilinear(dosc, dosc) <= md2Tol)
                    {
                        iterating = false;
                        converged = true;
                    }
                    else
                    {
                        double cut;
                        if (iteration > avgIter) cut = md2TolLoose;
                        else if (iteration <= accIter) cut = md2Tol;
                        else
                        {
                            var frc = (double)(iteration - accIter) / (avgIter - accIter);
                            cut = Math.Exp((1 - frc) * Math.Log(md2Tol) + frc * Math.Log(md2TolLoose));
                        }
                        if (dmd2 <= cut)
                        {
                            iterating = false;
                            converged = true;
                        }
                    }
                }
            }

            // New expansion centres: the POP with each object's conditional velocity, as epoch elements.
            if (!Equinoctial.TryFromCartesian(mup, vp1, out var c1) || !Equinoctial.TryFromCartesian(mup, vp2, out var c2))
                return meanState;
            es1 = c1 with { L = c1.L - c1.N * t };
            es2 = c2 with { L = c2.L - c2.N * t };
            (rs1, vs1) = es1.JacobianAt(t, js1);
            (rs2, vs2) = es2.JacobianAt(t, js2);
            if (!iterating) break;
            mupOld2 = mupOld;
            mupOld = mup;
            iteration++;
        }

        var (u1r, u1v) = Offset(rs1, vs1, js1, _b1.E0, es1, 1);
        var (u2r, u2v) = Offset(rs2, vs2, js2, _b2.E0, es2, 1);
        Dense.Congruence6(js1, _b1.Q0, ps1);
        Dense.Congruence6(js2, _b2.Q0, ps2);
        var ps = new double[36];
        for (var i = 0; i < 36; i++) ps[i] = ps1[i] + ps2[i];
        return new State(converged, u2r - u1r, u2v - u1v, ps);
    }

    private static (Vec3 R, Vec3 V) Offset(Vec3 rs, Vec3 vs, double[] js, Equinoctial eb, Equinoctial es, int iteration)
    {
        if (iteration == 0) return (rs, vs);
        Span<double> de = [eb.N - es.N, eb.Af - es.Af, eb.Ag - es.Ag, eb.Chi - es.Chi, eb.Psi - es.Psi, AngleDiff(eb.L, es.L)];
        Span<double> dx = stackalloc double[6];
        for (var i = 0; i < 6; i++)
        {
            double s = 0;
            for (var k = 0; k < 6; k++) s += js[i * 6 + k] * de[k];
            dx[i] = s;
        }
        return (rs + new Vec3(dx[0], dx[1], dx[2]), vs + new Vec3(dx[3], dx[4], dx[5]));
    }
}
