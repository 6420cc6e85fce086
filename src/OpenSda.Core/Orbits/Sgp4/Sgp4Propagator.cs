using OpenSda.Mathematics;
using OpenSda.Time;

namespace OpenSda.Orbits.Sgp4;

/// <summary>
/// SGP4/SDP4 for one element set: the Simplified General Perturbations model the GP catalogue (TLE, OMM)
/// is fitted with, as specified by Vallado, Crawford, Hujsak &amp; Kelso, "Revisiting Spacetrack Report #3",
/// AIAA 2006-6753 (behaviour of the 2020 reference code). Near-earth objects (period &lt; 225 min) use SGP4;
/// deep-space objects use SDP4 with lunar-solar perturbations and the 12 h / 24 h geopotential resonances.
/// Output is position (km) and velocity (km/s) in TEME, the true-equator mean-equinox frame of date.
/// </summary>
/// <remarks>
/// <para>Initialisation never throws: <see cref="InitError"/> holds the code of the propagation to epoch
/// that the reference performs at the end of <c>sgp4init</c>. As in the reference, an object with an
/// initialisation error can still be propagated and reports its own code per sample; catalogue users
/// normally skip such objects.</para>
/// <para>Not thread-safe: a deep-space resonant object keeps its resonance integrator state (as the
/// reference does) and updates it on each call. Use one instance per thread (see <see cref="Clone"/>).
/// Results do not depend on the order of calls.</para>
/// </remarks>
public sealed class Sgp4Propagator
{
    private Sgp4Record _rec;

    /// <summary>Initialises SGP4 for <paramref name="elements"/> (the reference's <c>sgp4init</c>).</summary>
    /// <param name="elements">Mean elements, as read from a TLE or an SGP4 OMM.</param>
    /// <param name="gravity">Gravity constants; element sets are fitted with <see cref="Sgp4GravityModel.Wgs72"/>.</param>
    /// <param name="mode">Operation mode; <see cref="Sgp4OperationMode.Improved"/> by default.</param>
    public Sgp4Propagator(MeanElements elements, Sgp4GravityModel gravity = Sgp4GravityModel.Wgs72,
        Sgp4OperationMode mode = Sgp4OperationMode.Improved)
    {
        ArgumentNullException.ThrowIfNull(elements);
        Elements = elements;
        Gravity = gravity;
        Mode = mode;
        var grav = Sgp4GravityConstants.For(gravity);
        InitError = _rec.Initialize(elements, grav, mode);
    }

    private Sgp4Propagator(Sgp4Propagator other)
    {
        Elements = other.Elements;
        Gravity = other.Gravity;
        Mode = other.Mode;
        InitError = other.InitError;
        _rec = other._rec;
    }

    /// <summary>
    /// Initialises SGP4 and returns the initialisation code as a value; <paramref name="propagator"/> is
    /// always set (see the remarks on <see cref="Sgp4Propagator"/>).
    /// </summary>
    public static Sgp4Error Initialize(MeanElements elements, out Sgp4Propagator propagator,
        Sgp4GravityModel gravity = Sgp4GravityModel.Wgs72, Sgp4OperationMode mode = Sgp4OperationMode.Improved)
    {
        propagator = new Sgp4Propagator(elements, gravity, mode);
        return propagator.InitError;
    }

    /// <summary>The element set this propagator was initialised from.</summary>
    public MeanElements Elements { get; }

    /// <summary>The gravity model in use.</summary>
    public Sgp4GravityModel Gravity { get; }

    /// <summary>The operation mode in use.</summary>
    public Sgp4OperationMode Mode { get; }

    /// <summary>Code of the propagation to epoch done at initialisation (<see cref="Sgp4Error.None"/> when fine).</summary>
    public Sgp4Error InitError { get; }

    /// <summary>Epoch of the elements (UTC, two-part Julian date).</summary>
    public JulianDate EpochUtc => _rec.Epoch;

    /// <summary>True when the object uses the deep-space (SDP4) branch: period ≥ 225 minutes.</summary>
    public bool IsDeepSpace => _rec.DeepSpace;

    /// <summary>Resonance class: 0 none, 1 synchronous (24 h), 2 half-day (12 h, e ≥ 0.5).</summary>
    public int Resonance => _rec.Irez;

    /// <summary>Un-Kozai'd (Brouwer) mean motion at epoch, radians per minute.</summary>
    public double MeanMotionRadPerMin => _rec.NoUnkozai;

    /// <summary>Greenwich sidereal angle at epoch (radians) used by the deep-space terms, per <see cref="Mode"/>.</summary>
    public double GstoRad => _rec.Gsto;

    /// <summary>An independent copy (same constants, own resonance state), for use on another thread.</summary>
    public Sgp4Propagator Clone() => new(this);

    /// <summary>
    /// State at <paramref name="tsinceMinutes"/> minutes from epoch, in TEME. On codes 1–4 the outputs are
    /// NaN; on <see cref="Sgp4Error.Decayed"/> they are the computed (sub-surface) state.
    /// </summary>
    public Sgp4Error Propagate(double tsinceMinutes, out Vec3 positionKm, out Vec3 velocityKmS)
    {
        var e = _rec.Propagate(tsinceMinutes, out var x, out var y, out var z, out var vx, out var vy, out var vz);
        positionKm = new Vec3(x, y, z);
        velocityKmS = new Vec3(vx, vy, vz);
        return e;
    }

    /// <summary>
    /// State at UTC instant <paramref name="timeUtc"/>, in TEME. tsince is formed part by part from the two
    /// Julian dates, so nothing is lost to one rounded double date.
    /// </summary>
    public Sgp4Error Propagate(JulianDate timeUtc, out Vec3 positionKm, out Vec3 velocityKmS)
        => Propagate(MinutesSinceEpoch(timeUtc), out positionKm, out velocityKmS);

    /// <summary>Propagation result as a <see cref="StateVector"/> (TEME, km, km/s).</summary>
    public Sgp4Error Propagate(JulianDate timeUtc, out StateVector state)
    {
        var e = Propagate(timeUtc, out var r, out var v);
        state = new StateVector(r, v);
        return e;
    }

    /// <summary>Minutes from the element epoch to <paramref name="timeUtc"/>, difference taken part by part.</summary>
    public double MinutesSinceEpoch(JulianDate timeUtc) => TsinceMinutes(timeUtc, _rec.Epoch);

    /// <summary>The reference's tsince: (t − epoch) in minutes from two-part Julian dates.</summary>
    internal static double TsinceMinutes(JulianDate t, JulianDate epoch)
        => ((t.Day - epoch.Day) + (t.Fraction - epoch.Fraction)) * 1440.0;

    internal ref Sgp4Record Record => ref _rec;
}
