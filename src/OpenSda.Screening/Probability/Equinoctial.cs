using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>
/// Prograde equinoctial orbital elements E = (n, a_f, a_g, χ, ψ, λ_M) (Broucke &amp; Cefola 1972, Celest. Mech. 5,
/// 303–310; element order and conventions of Vallado &amp; Alfano 2015, AAS 15-537, which CARA's Pc3D_Hall uses):
/// mean motion n (rad/s), eccentricity-vector components a_f, a_g in the equinoctial frame (f̂, ĝ), the
/// inclination parameters χ = tan(i/2)·sin Ω, ψ = tan(i/2)·cos Ω, and the mean longitude λ_M (rad).
/// Under two-body motion only λ_M changes, λ_M(t) = λ_M(t₀) + n·(t − t₀), which makes the
/// epoch-element → Cartesian Jacobian at any time simple: ∂X(t)/∂E(t₀) = ∂X/∂E|ₜ · Φ with Φ = I + (t−t₀)·e₆e₁ᵀ.
/// Units: metres, seconds (μ in m³/s²).
/// </summary>
internal readonly record struct Equinoctial(double N, double Af, double Ag, double Chi, double Psi, double L)
{
    public const double Mu = UsageViolations.EarthMuM3S2;

    public double this[int i] => i switch { 0 => N, 1 => Af, 2 => Ag, 3 => Chi, 4 => Psi, _ => L };

    /// <summary>Semi-major axis (m).</summary>
    public double A => Math.Cbrt(Mu / (N * N));

    /// <summary>The same orbit at t₀ + dt (two-body: only the mean longitude moves).</summary>
    public Equinoctial Propagated(double dt) => this with { L = L + N * dt };

    /// <summary>Unit vectors f̂, ĝ, ŵ of the equinoctial frame (retrograde factor +1).</summary>
    public static (Vec3 F, Vec3 G, Vec3 W) Frame(double chi, double psi)
    {
        var c2 = chi * chi;
        var p2 = psi * psi;
        var c = 1 + c2 + p2;
        var f = new Vec3(1 - c2 + p2, 2 * chi * psi, -2 * chi) / c;
        var g = new Vec3(2 * chi * psi, 1 + c2 - p2, 2 * psi) / c;
        var w = new Vec3(2 * chi, -2 * psi, 1 - c2 - p2) / c;
        return (f, g, w);
    }

    /// <summary>
    /// Elements of a bound Cartesian state; false for unbound (a ≤ 0 or e ≥ 1) or exactly retrograde-equatorial states.
    /// </summary>
    public static bool TryFromCartesian(Vec3 r, Vec3 v, out Equinoctial e)
    {
        e = default;
        var rm = r.Norm;
        var v2 = v.NormSquared;
        var a = Mu * rm / (2 * Mu - v2 * rm);
        if (!(a > 1e-2) || double.IsInfinity(a)) return false;
        var n = Math.Sqrt(Mu / (a * a * a));
        var rv = Vec3.Dot(r, v);
        var ev = ((v2 - Mu / rm) * r - rv * v) / Mu;
        if (ev.NormSquared >= 1) return false;
        var h = Vec3.Cross(r, v);
        var w = h / h.Norm;
        if (w.Z + 1 <= 1e-10) return false;
        var chi = w.X / (1 + w.Z);
        var psi = -w.Y / (1 + w.Z);
        var (f, g, _) = Frame(chi, psi);
        var af = Vec3.Dot(ev, f);
        var ag = Vec3.Dot(ev, g);
        var e2 = af * af + ag * ag;
        if (e2 >= 1) return false;
        var x = Vec3.Dot(r, f);
        var y = Vec3.Dot(r, g);
        var s = Math.Sqrt(1 - e2);
        var b = 1 / (1 + s);
        var den = a * s;
        var sinF = ag + ((1 - ag * ag * b) * y - b * ag * af * x) / den;
        var cosF = af + ((1 - af * af * b) * x - b * ag * af * y) / den;
        var bigF = Math.Atan2(sinF, cosF);
        var lm = bigF + ag * cosF - af * sinF;
        e = new Equinoctial(n, af, ag, chi, psi, lm);
        return true;
    }

    /// <summary>Solves the equinoctial Kepler equation λ = F + a_g cos F − a_f sin F for the eccentric longitude F.</summary>
    public static double EccentricLongitude(double lambda, double af, double ag)
    {
        var bigF = lambda;
        for (var i = 0; i < 50; i++)
        {
            var (s, c) = Math.SinCos(bigF);
            var f = bigF + ag * c - af * s - lambda;
            var d = 1 - ag * s - af * c;
            var step = f / d;
            bigF -= step;
            if (Math.Abs(step) < 1e-15) break;
        }
        return bigF;
    }

    /// <summary>In-plane position (X, Y) and velocity (Ẋ, Ẏ) in the equinoctial frame.</summary>
    private static (double X, double Y, double Xd, double Yd) InPlane(double n, double af, double ag, double lambda)
    {
        var a = Math.Cbrt(Mu / (n * n));
        var bigF = EccentricLongitude(lambda, af, ag);
        var (sF, cF) = Math.SinCos(bigF);
        var b = 1 / (1 + Math.Sqrt(1 - af * af - ag * ag));
        var x = a * ((1 - ag * ag * b) * cF + af * ag * b * sF - af);
        var y = a * ((1 - af * af * b) * sF + af * ag * b * cF - ag);
        var r = a * (1 - af * cF - ag * sF);
        var k = n * a * a / r;
        var xd = k * (af * ag * b * cF - (1 - ag * ag * b) * sF);
        var yd = k * ((1 - af * af * b) * cF - af * ag * b * sF);
        return (x, y, xd, yd);
    }

    /// <summary>Cartesian position (m) and velocity (m/s).</summary>
    public (Vec3 R, Vec3 V) ToCartesian()
    {
        var (x, y, xd, yd) = InPlane(N, Af, Ag, L);
        var (f, g, _) = Frame(Chi, Psi);
        return (x * f + y * g, xd * f + yd * g);
    }

    /// <summary>
    /// Cartesian state X(t) and Jacobian ∂X(t)/∂E(t₀) (row-major 6×6) for epoch elements E(t₀) = this and dt = t − t₀.
    /// Columns for n and λ_M are analytic; those for a_f, a_g (through the in-plane solution) by central differences,
    /// those for χ, ψ by differentiating the frame vectors.
    /// </summary>
    public (Vec3 R, Vec3 V) JacobianAt(double dt, Span<double> j)
    {
        var lam = L + N * dt;
        var (x, y, xd, yd) = InPlane(N, Af, Ag, lam);
        var (f, g, w) = Frame(Chi, Psi);
        var r = x * f + y * g;
        var v = xd * f + yd * g;
        var rm = r.Norm;

        // ∂/∂n at fixed λ(t): r ∝ a ∝ n^(−2/3), v ∝ n^(1/3).
        var dRn = -2.0 / (3 * N) * r;
        var dVn = 1.0 / (3 * N) * v;
        // ∂/∂λ: the motion itself.
        var dRl = v / N;
        var a3 = Mu / (N * N);
        var dVl = -N * a3 / (rm * rm * rm) * r;
        // Epoch mean longitude: λ(t) = λ₀ + n·dt adds dt·∂X/∂λ to the n column.
        Set(j, 0, dRn + dt * dRl, dVn + dt * dVl);
        Set(j, 5, dRl, dVl);

        const double h = 1e-7;
        var p1 = InPlane(N, Af + h, Ag, lam);
        var m1 = InPlane(N, Af - h, Ag, lam);
        Set(j, 1, ((p1.X - m1.X) * f + (p1.Y - m1.Y) * g) / (2 * h), ((p1.Xd - m1.Xd) * f + (p1.Yd - m1.Yd) * g) / (2 * h));
        var p2 = InPlane(N, Af, Ag + h, lam);
        var m2 = InPlane(N, Af, Ag - h, lam);
        Set(j, 2, ((p2.X - m2.X) * f + (p2.Y - m2.Y) * g) / (2 * h), ((p2.Xd - m2.Xd) * f + (p2.Yd - m2.Yd) * g) / (2 * h));

        // Frame derivatives: C = 1+χ²+ψ², f = f̃/C, g = g̃/C.
        var c = 1 + Chi * Chi + Psi * Psi;
        var dfChi = new Vec3(-2 * Chi, 2 * Psi, -2) / c - 2 * Chi / c * f;
        var dgChi = new Vec3(2 * Psi, 2 * Chi, 0) / c - 2 * Chi / c * g;
        var dfPsi = new Vec3(2 * Psi, 2 * Chi, 0) / c - 2 * Psi / c * f;
        var dgPsi = new Vec3(2 * Chi, -2 * Psi, 2) / c - 2 * Psi / c * g;
        Set(j, 3, x * dfChi + y * dgChi, xd * dfChi + yd * dgChi);
        Set(j, 4, x * dfPsi + y * dgPsi, xd * dfPsi + yd * dgPsi);
        _ = w;
        return (r, v);
    }

    private static void Set(Span<double> j, int col, Vec3 dr, Vec3 dv)
    {
        j[0 * 6 + col] = dr.X;
        j[1 * 6 + col] = dr.Y;
        j[2 * 6 + col] = dr.Z;
        j[3 * 6 + col] = dv.X;
        j[4 * 6 + col] = dv.Y;
        j[5 * 6 + col] = dv.Z;
    }
}
