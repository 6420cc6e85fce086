using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Time;

namespace OpenSda.MultiDomain;

/// <summary>
/// A fast TEME → ITRF rotation for a bounded time window (a day or a week), for root finding that evaluates
/// thousands of arbitrary instants per object. TEME → PEF is a rotation about z by the IAU-1982 Greenwich mean
/// sidereal time (Vallado 2013, §3.7, Eq. 3-90: r_PEF = ROT3(θ_GMST) r_TEME); PEF → ITRF applies polar motion
/// (Eq. 3-77). Within the window θ_GMST is taken as linear in time from its value at the start,
/// θ(t) = θ₀ + ω⊕′·(t − t₀) with ω⊕′ = 1.00273790935·2π/86 400 rad/s (the T² term of Eq. 3-47 changes θ by
/// under 1e-9 rad per day), and UT1 − UTC and the pole (x_p, y_p) are held at their values at the start
/// (they change by milliseconds and milliarcseconds per day). The tests compare it with
/// <see cref="FrameTree"/> (full chain) to a few metres.
/// </summary>
public sealed class EarthRotation
{
    /// <summary>Rate of GMST against UT1 seconds, rad/s (Vallado Eq. 3-40 ratio 1.002 737 909 350 795).</summary>
    public const double GmstRateRadS = 1.002737909350795 * 2.0 * Math.PI / 86_400.0;

    private readonly double _theta0;
    private readonly Matrix3 _polarTranspose;
    private readonly bool _hasPolar;

    /// <summary>Builds the rotation for a window starting at <paramref name="start"/>.</summary>
    public EarthRotation(Instant start, TimeScales scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        Start = start;
        StartUtc = start.ToJulianDate(scales.Utc);
        _theta0 = Iau1980.Gmst1982(start.ToJulianDate(scales.Ut1));
        var eop = scales.EarthOrientationAt(start);
        var xp = eop.XpArcsec * EarthOrientation.ArcsecToRad;
        var yp = eop.YpArcsec * EarthOrientation.ArcsecToRad;
        _hasPolar = xp != 0 || yp != 0;
        _polarTranspose = Iau1980.PolarMotionMatrix(xp, yp).Transpose();
    }

    /// <summary>Start of the window.</summary>
    public Instant Start { get; }

    /// <summary>Start of the window as a UTC Julian date (what SGP4 takes).</summary>
    public JulianDate StartUtc { get; }

    /// <summary>GMST (rad) at <paramref name="secondsFromStart"/>.</summary>
    public double Gmst(double secondsFromStart) => _theta0 + GmstRateRadS * secondsFromStart;

    /// <summary>TEME position (km) → ITRF, at <paramref name="secondsFromStart"/>.</summary>
    public Vec3 TemeToItrf(Vec3 teme, double secondsFromStart)
    {
        var (s, c) = Math.SinCos(Gmst(secondsFromStart));
        var pef = new Vec3(c * teme.X + s * teme.Y, -s * teme.X + c * teme.Y, teme.Z);
        return _hasPolar ? _polarTranspose.Apply(pef) : pef;
    }

    /// <summary>ITRF position (km) → TEME, at <paramref name="secondsFromStart"/>.</summary>
    public Vec3 ItrfToTeme(Vec3 itrf, double secondsFromStart)
    {
        var pef = _hasPolar ? _polarTranspose.ApplyTransposed(itrf) : itrf;
        var (s, c) = Math.SinCos(Gmst(secondsFromStart));
        return new Vec3(c * pef.X - s * pef.Y, s * pef.X + c * pef.Y, pef.Z);
    }
}
