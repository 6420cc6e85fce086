using OpenSda.Mathematics;

namespace OpenSda.Core.Tests.Sgp4;

/// <summary>
/// Classical osculating elements from a state, as Vallado's <c>rv2coe</c> (Fundamentals of Astrodynamics
/// and Applications, 4th ed., Algorithm 9), used to reproduce the element columns of <c>tcppver.out</c>.
/// Angles in radians; <see cref="Undefined"/> where the orbit type leaves one undefined.
/// </summary>
internal readonly record struct OsculatingElements(double AKm, double Ecc, double Incl, double Node, double Argp, double Nu, double M)
{
    public const double Undefined = 999999.1;
    private const double Small = 1e-8;

    public static OsculatingElements FromState(Vec3 r, Vec3 v, double mu)
    {
        var magr = r.Norm;
        var magv = v.Norm;
        var h = Vec3.Cross(r, v);
        var magh = h.Norm;
        if (magh < Small)
            return new(Undefined, Undefined, Undefined, Undefined, Undefined, Undefined, Undefined);

        var n = new Vec3(-h.Y, h.X, 0.0);
        var magn = n.Norm;
        var c1 = magv * magv - mu / magr;
        var rdotv = Vec3.Dot(r, v);
        var e = (c1 * r - rdotv * v) / mu;
        var ecc = e.Norm;
        var sme = magv * magv * 0.5 - mu / magr;
        var a = Math.Abs(sme) > Small ? -mu / (2.0 * sme) : Undefined;
        var incl = Math.Acos(h.Z / magh);

        var elliptical = ecc >= Small;
        var equatorial = incl < Small || Math.Abs(incl - Math.PI) < Small;

        var node = Undefined;
        if (magn > Small)
        {
            node = Math.Acos(Math.Clamp(n.X / magn, -1.0, 1.0));
            if (n.Y < 0.0) node = 2.0 * Math.PI - node;
        }

        var argp = Undefined;
        if (elliptical && !equatorial)
        {
            argp = Angle(n, e);
            if (e.Z < 0.0) argp = 2.0 * Math.PI - argp;
        }

        var nu = Undefined;
        var m = Undefined;
        if (elliptical)
        {
            nu = Angle(e, r);
            if (rdotv < 0.0) nu = 2.0 * Math.PI - nu;
            m = MeanAnomaly(ecc, nu);
        }
        else if (!equatorial)
        {
            var arglat = Angle(n, r);
            if (r.Z < 0.0) arglat = 2.0 * Math.PI - arglat;
            m = arglat;
        }
        return new(a, ecc, incl, node, argp, nu, m);
    }

    private static double Angle(Vec3 a, Vec3 b)
    {
        var mag = a.Norm * b.Norm;
        if (mag <= Small * Small) return Undefined;
        return Math.Acos(Math.Clamp(Vec3.Dot(a, b) / mag, -1.0, 1.0));
    }

    private static double MeanAnomaly(double ecc, double nu)
    {
        if (ecc >= 1.0 - Small) return Undefined;
        var (sinnu, cosnu) = Math.SinCos(nu);
        var sine = Math.Sqrt(1.0 - ecc * ecc) * sinnu / (1.0 + ecc * cosnu);
        var cose = (ecc + cosnu) / (1.0 + ecc * cosnu);
        var e0 = Math.Atan2(sine, cose);
        var m = (e0 - ecc * Math.Sin(e0)) % (2.0 * Math.PI);
        if (m < 0.0) m += 2.0 * Math.PI;
        return m;
    }
}
