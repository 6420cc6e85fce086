using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>
/// Two-body (Kepler) propagation with universal variables (Vallado, <i>Fundamentals of Astrodynamics and
/// Applications</i>, 4th ed., Algorithm 8 "KEPLER"; Stumpff functions c₂, c₃), and its state-transition matrix by
/// central differences. Units: m, m/s, s.
/// </summary>
internal static class TwoBody
{
    public const double Mu = UsageViolations.EarthMuM3S2;

    public static (Vec3 R, Vec3 V) Propagate(Vec3 r0, Vec3 v0, double dt)
    {
        if (dt == 0) return (r0, v0);
        var r0m = r0.Norm;
        var v02 = v0.NormSquared;
        var alpha = 2 / r0m - v02 / Mu; // 1/a
        var sqrtMu = Math.Sqrt(Mu);
        var rv = Vec3.Dot(r0, v0);
        double chi = alpha > 1e-12 ? sqrtMu * dt * alpha : Math.Sign(dt) * Math.Sqrt(Mu) * Math.Abs(dt) / r0m;
        double c2 = 0, c3 = 0, psi = 0, r = r0m;
        for (var it = 0; it < 100; it++)
        {
            psi = chi * chi * alpha;
            (c2, c3) = Stumpff(psi);
            var chi2 = chi * chi;
            r = chi2 * c2 + rv / sqrtMu * chi * (1 - psi * c3) + r0m * (1 - psi * c2);
            var f = sqrtMu * dt - chi2 * chi * c3 - rv / sqrtMu * chi2 * c2 - r0m * chi * (1 - psi * c3);
            var step = f / r;
            chi += step;
            if (Math.Abs(step) < 1e-13 * Math.Max(1, Math.Abs(chi))) break;
        }
        {
            psi = chi * chi * alpha;
            (c2, c3) = Stumpff(psi);
            var chi2 = chi * chi;
            r = chi2 * c2 + rv / sqrtMu * chi * (1 - psi * c3) + r0m * (1 - psi * c2);
        }
        var x2 = chi * chi;
        var fL = 1 - x2 / r0m * c2;
        var g = dt - x2 * chi / sqrtMu * c3;
        var rNew = fL * r0 + g * v0;
        var gd = 1 - x2 / r * c2;
        var fd = sqrtMu / (r * r0m) * chi * (psi * c3 - 1);
        var vNew = fd * r0 + gd * v0;
        return (rNew, vNew);
    }

    private static (double C2, double C3) Stumpff(double psi)
    {
        if (psi > 1e-6)
        {
            var s = Math.Sqrt(psi);
            return ((1 - Math.Cos(s)) / psi, (s - Math.Sin(s)) / (s * psi));
        }
        if (psi < -1e-6)
        {
            var s = Math.Sqrt(-psi);
            return ((1 - Math.Cosh(s)) / psi, (Math.Sinh(s) - s) / (s * -psi));
        }
        return (0.5 - psi / 24 + psi * psi / 720, 1.0 / 6 - psi / 120 + psi * psi / 5040);
    }

    /// <summary>State and 6×6 state-transition matrix ∂X(t)/∂X(0) by central differences.</summary>
    public static (Vec3 R, Vec3 V, Mat6 Phi) PropagateWithStm(Vec3 r0, Vec3 v0, double dt)
    {
        var (r, v) = Propagate(r0, v0, dt);
        var hr = 1e-4 * r0.Norm * 1e-3; // ~ 1e-7 relative
        var hv = 1e-4 * v0.Norm * 1e-3;
        var cols = new double[6][];
        for (var k = 0; k < 6; k++)
        {
            var h = k < 3 ? hr : hv;
            var d = new Vec3(k % 3 == 0 ? h : 0, k % 3 == 1 ? h : 0, k % 3 == 2 ? h : 0);
            var (rp, vp) = k < 3 ? Propagate(r0 + d, v0, dt) : Propagate(r0, v0 + d, dt);
            var (rm, vm) = k < 3 ? Propagate(r0 - d, v0, dt) : Propagate(r0, v0 - d, dt);
            var dr = (rp - rm) / (2 * h);
            var dv = (vp - vm) / (2 * h);
            cols[k] = [dr.X, dr.Y, dr.Z, dv.X, dv.Y, dv.Z];
        }
        return (r, v, Mat6.FromFunc((i, j) => cols[j][i]));
    }
}
