using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.Threats;

/// <summary>
/// The radial / transverse (along-track) / normal frame of a reference state (Vallado 2013, §3.3.2, "RSW"):
/// R̂ = r/|r|, N̂ = (r × v)/|r × v|, T̂ = N̂ × R̂.
/// </summary>
public readonly record struct RtnFrame(Vec3 R, Vec3 T, Vec3 N)
{
    /// <summary>The RTN frame of a state.</summary>
    public static RtnFrame Of(Vec3 positionKm, Vec3 velocityKmS)
    {
        var r = positionKm.Unit;
        var n = Vec3.Cross(positionKm, velocityKmS).Unit;
        return new RtnFrame(r, Vec3.Cross(n, r), n);
    }

    /// <summary>Components of an inertial vector along R, T, N.</summary>
    public Vec3 ToRtn(Vec3 v) => new(Vec3.Dot(v, R), Vec3.Dot(v, T), Vec3.Dot(v, N));

    /// <summary>Inertial vector from RTN components.</summary>
    public Vec3 FromRtn(Vec3 rtn) => rtn.X * R + rtn.Y * T + rtn.Z * N;
}

/// <summary>Osculating classical elements (km, rad).</summary>
internal readonly record struct Osculating(double A, double E, double I, double Raan, double ArgP, double M);

/// <summary>Small orbit helpers shared by the threat products.</summary>
internal static class OrbitMath
{
    public const double Mu = OrbitGeometry.MuKm3S2;
    public const double TwoPi = 2 * Math.PI;
    public const double Deg = Math.PI / 180;

    /// <summary>Osculating elements from a state (Vallado 2013, Algorithm 9 "RV2COE"), with M from E.</summary>
    public static Osculating FromState(Vec3 r, Vec3 v)
    {
        var h = Vec3.Cross(r, v);
        var rn = r.Norm;
        var n = new Vec3(-h.Y, h.X, 0);
        var eVec = (Vec3.Cross(v, h) / Mu) - r / rn;
        var e = eVec.Norm;
        var energy = v.NormSquared / 2 - Mu / rn;
        var a = -Mu / (2 * energy);
        var i = Math.Acos(Math.Clamp(h.Z / h.Norm, -1, 1));
        var raan = Math.Atan2(n.Y, n.X);
        // Argument of perigee and true anomaly measured in the orbit plane, robust near e = 0 and i = 0.
        var w = h.Unit;
        var p = n.Norm > 1e-12 ? n.Unit : new Vec3(1, 0, 0);
        var q = Vec3.Cross(w, p);
        var argP = e > 1e-12 ? Math.Atan2(Vec3.Dot(eVec, q), Vec3.Dot(eVec, p)) : 0;
        var u = Math.Atan2(Vec3.Dot(r, q), Vec3.Dot(r, p));
        var nu = u - argP;
        var ea = 2 * Math.Atan(Math.Sqrt((1 - e) / (1 + e)) * Math.Tan(nu / 2));
        var m = ea - e * Math.Sin(ea);
        return new Osculating(a, e, i, Wrap(raan), Wrap(argP), Wrap(m));
    }

    public static double Wrap(double x)
    {
        x %= TwoPi;
        return x < 0 ? x + TwoPi : x;
    }

    public static double WrapPi(double x) => Math.IEEERemainder(x, TwoPi);

    /// <summary>Mean motion (rev/day) for a semi-major axis (km).</summary>
    public static double MeanMotionRevPerDay(double aKm) => Math.Sqrt(Mu / (aKm * aKm * aKm)) * 86_400 / TwoPi;

    /// <summary>State of an element set at a UTC time; false on an SGP4 error.</summary>
    public static bool TryState(Sgp4Propagator p, JulianDate utc, out Vec3 r, out Vec3 v) =>
        p.Propagate(utc, out r, out v) == Sgp4Error.None && double.IsFinite(r.X);

    public static Instant ToInstant(JulianDate utc, TimeScales scales) => Instant.FromJulianDate(utc, scales.Utc);
}

/// <summary>
/// SGP4 mean elements that reproduce a given TEME state at their epoch: the inverse of SGP4 at t = 0, solved by
/// fixed-point iteration on equinoctial elements (a, h = e sin ϖ, k = e cos ϖ, p = tan(i/2) sin Ω,
/// q = tan(i/2) cos Ω, λ = M + ϖ; Broucke &amp; Cefola 1972), which stay regular for circular and equatorial orbits:
/// x ← x + (osc(target) − osc(SGP4(x))). Used to inject manoeuvres and fragments into synthetic element-set histories.
/// </summary>
public static class MeanElementFit
{
    /// <summary>
    /// Fits mean elements at <paramref name="epochUtc"/> to a TEME state; B*, ṅ/2 and the identity come from
    /// <paramref name="template"/>. Returns null when the iteration does not converge to 1 mm.
    /// </summary>
    public static MeanElements? FromState(Vec3 positionKm, Vec3 velocityKmS, JulianDate epochUtc, MeanElements template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var target = Equinoctial(OrbitMath.FromState(positionKm, velocityKmS));
        var x = target;
        for (var iter = 0; iter < 50; iter++)
        {
            var el = ToElements(x, epochUtc, template);
            if (el is null) return null;
            var p = new Sgp4Propagator(el);
            if (p.InitError != Sgp4Error.None || p.Propagate(0.0, out var r, out var v) != Sgp4Error.None) return null;
            if ((r - positionKm).Norm < 1e-6 && (v - velocityKmS).Norm < 1e-9) return el;
            var got = Equinoctial(OrbitMath.FromState(r, v));
            x = new Eq(x.A + (target.A - got.A), x.H + (target.H - got.H), x.K + (target.K - got.K),
                       x.P + (target.P - got.P), x.Q + (target.Q - got.Q), x.L + OrbitMath.WrapPi(target.L - got.L));
        }
        return null;
    }

    private readonly record struct Eq(double A, double H, double K, double P, double Q, double L);

    private static Eq Equinoctial(Osculating o)
    {
        var lp = o.Raan + o.ArgP;
        var t = Math.Tan(o.I / 2);
        return new Eq(o.A, o.E * Math.Sin(lp), o.E * Math.Cos(lp), t * Math.Sin(o.Raan), t * Math.Cos(o.Raan), o.M + lp);
    }

    private static MeanElements? ToElements(Eq x, JulianDate epoch, MeanElements template)
    {
        var e = Math.Sqrt(x.H * x.H + x.K * x.K);
        if (!(x.A > 6378 && e < 0.99)) return null;
        var lp = Math.Atan2(x.H, x.K);
        var raan = Math.Atan2(x.P, x.Q);
        var inc = 2 * Math.Atan(Math.Sqrt(x.P * x.P + x.Q * x.Q));
        return template with
        {
            EpochUtc = epoch,
            MeanMotionRevPerDay = OrbitMath.MeanMotionRevPerDay(x.A),
            Eccentricity = e,
            InclinationDeg = inc / OrbitMath.Deg,
            RaanDeg = OrbitMath.Wrap(raan) / OrbitMath.Deg,
            ArgPerigeeDeg = OrbitMath.Wrap(lp - raan) / OrbitMath.Deg,
            MeanAnomalyDeg = OrbitMath.Wrap(x.L - lp) / OrbitMath.Deg,
        };
    }
}
