using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Ephemeris;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.Screening;

/// <summary>
/// An object whose positions come from an ephemeris (an operator's OEM, interpolated), already in TEME,
/// the frame the screening engine works in (convert with <c>OemMessage.TryCreateEphemeris(…, frames.Teme, …)</c>,
/// which applies the Core <c>FrameTree</c> to each sample).
/// </summary>
/// <param name="CatalogNumber">NORAD catalog number; an element set with the same number is replaced by this ephemeris over its span.</param>
/// <param name="Name">Object name, when known (an element set's name wins).</param>
/// <param name="InternationalDesignator">COSPAR designator, when known (an element set's wins).</param>
/// <param name="Teme">The ephemeris, TEME km and km/s.</param>
public sealed record EphemerisObject(int CatalogNumber, string? Name, string? InternationalDesignator, IEphemerisSource Teme);

/// <summary>
/// Positions for screening a catalog in which some objects have an ephemeris (an operator OEM) beside or
/// instead of an SGP4 element set. An object with an ephemeris uses it over the ephemeris's usable span(s);
/// outside them it uses its element set when it has one, and otherwise it is not screened there.
/// </summary>
/// <remarks>
/// <para><b>Objects.</b> Indices 0 … m−1 are the element sets, in the catalog's order (SGP4, as
/// <see cref="Sgp4ScreeningPropagator"/>); indices m … are ephemeris-only objects. An object with both keeps
/// its element-set index; if SGP4 cannot initialise its element set, it is treated as ephemeris-only.</para>
/// <para><b>Outside an ephemeris's span, with no element set,</b> the object is continued on the two-body
/// (Kepler) orbit of the state at the nearest earlier span end (or, before the first span, of the state at
/// its start), solved with universal variables (Curtis, <i>Orbital Mechanics for Engineering Students</i>,
/// §3.7, Algorithm 3.4). The continuation keeps the trajectory continuous, with acceleration μ/r² inside
/// <see cref="SweptChordBound"/>'s bound, so the broad phase's argument holds on the whole window; but the
/// engine reports no event whose TCA lies outside the object's spans (<see cref="ScreeningInput.Coverage"/>):
/// the object is simply not screened there. An object with both sources switches between them at the span
/// ends; the switch is a jump of the trajectory (the OEM and the TLE disagree), and a minimum exactly at a
/// switch is treated as an edge minimum, not an event.</para>
/// <para><b>The deviation bound.</b> The swept-chord argument needs |r(t) − L(t)| ≤ e on each sample interval.
/// For an interpolated ephemeris the interpolant's second derivative is the true acceleration only up to the
/// interpolation error, a sliding-window interpolant has small velocity kinks at its nodes, and a source
/// switch is a jump. <see cref="ConjunctionScreener.CreateInput(IReadOnlyList{MeanElements}, IReadOnlyList{EphemerisObject}, TimeScales, ScreeningOptions, Sgp4OperationMode)"/>
/// therefore measures, on every sample interval the ephemeris touches, the actual largest deviation of
/// this trajectory from the interval's chord (16 sub-samples, plus both sides of every span end), and
/// gives the object a <see cref="ScreeningInput.DeviationAllowances"/> entry for each interval where 1.02 × that
/// deviation + 1 m exceeds the engine's own bound for the interval. The factor covers maxima between sub-samples
/// (the deviation is a smooth, near-parabolic function between nodes: 16 samples under-read it by ≤ 0.4 %);
/// span ends are sampled on both sides. A source switch with a large jump thus widens the object's boxes only
/// on the intervals around the switch.</para>
/// <para>Times: seconds from the window start are mapped to instants as the SGP4 side does (UTC days), so a
/// leap second inside the window shifts the ephemeris by one second relative to the element sets
/// (none has occurred since 2017).</para>
/// </remarks>
public sealed class CompositeScreeningPropagator : IScreeningPropagator
{
    private readonly Sgp4ScreeningPropagator? _sgp;
    private readonly int _m;
    private readonly int _n;
    private readonly JulianDate _startUtc;
    private readonly TimeScale _utc;
    private readonly IEphemerisSource?[] _eph;
    private readonly CoverageSpan[]?[] _spans;
    private readonly StateVector[]?[] _spanStartStates;
    private readonly StateVector[]?[] _spanEndStates;
    private readonly int[] _ephObjects;
    private readonly bool[] _fallback; // element set usable outside the ephemeris spans
    private double[] _tx = [], _ty = [], _tz = [];
    private int[] _te = [];

    /// <summary>
    /// A propagator over <paramref name="sgp"/> (the element sets, indices 0 … its count − 1) and
    /// <paramref name="ephemerides"/> per object (null where none; length = total objects), each
    /// usable over the given spans (seconds from <paramref name="startUtc"/>, sorted, disjoint, inside the window).
    /// </summary>
    public CompositeScreeningPropagator(Sgp4ScreeningPropagator? sgp, IReadOnlyList<IEphemerisSource?> ephemerides,
        IReadOnlyList<IReadOnlyList<CoverageSpan>?> spans, JulianDate startUtc, TimeScales scales)
    {
        ArgumentNullException.ThrowIfNull(ephemerides);
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(scales);
        _sgp = sgp;
        _m = sgp?.Count ?? 0;
        _n = ephemerides.Count;
        if (spans.Count != _n) throw new ArgumentException("one span list per object is needed", nameof(spans));
        if (_n < _m) throw new ArgumentException("every element set needs a slot", nameof(ephemerides));
        _startUtc = startUtc;
        _utc = scales.Utc;
        _eph = [.. ephemerides];
        _spans = new CoverageSpan[]?[_n];
        _spanStartStates = new StateVector[]?[_n];
        _spanEndStates = new StateVector[]?[_n];
        var list = new List<int>();
        _fallback = new bool[_n];
        for (var i = 0; i < _m; i++) _fallback[i] = sgp!.Batch.InitErrors[i] == 0;
        for (var i = 0; i < _n; i++)
        {
            if (_eph[i] is null)
            {
                if (i >= _m) throw new ArgumentException($"object {i} has neither an element set nor an ephemeris", nameof(ephemerides));
                continue;
            }
            var s = spans[i] is { } sp ? sp.ToArray() : [];
            if (s.Length == 0 && i >= _m) throw new ArgumentException($"ephemeris-only object {i} has no span in the window", nameof(spans));
            _spans[i] = s;
            _spanStartStates[i] = new StateVector[s.Length];
            _spanEndStates[i] = new StateVector[s.Length];
            for (var k = 0; k < s.Length; k++)
            {
                _spanStartStates[i]![k] = EphemerisState(i, s[k].FromSeconds);
                _spanEndStates[i]![k] = EphemerisState(i, s[k].ToSeconds);
            }
            list.Add(i);
        }
        _ephObjects = [.. list];
    }

    /// <inheritdoc />
    public int Count => _n;

    /// <summary>Number of element sets (objects 0 … this − 1 have one).</summary>
    public int ElementSetCount => _m;

    /// <summary>The ephemeris spans of an object (empty when it has none).</summary>
    public IReadOnlyList<CoverageSpan> Spans(int obj) => _spans[obj] ?? [];

    private Instant At(double seconds) => Instant.FromJulianDate(_startUtc.AddDays(seconds / 86400.0), _utc);

    private StateVector EphemerisState(int obj, double seconds)
    {
        var src = _eph[obj]!;
        var t = At(seconds);
        if (src.TryGetState(t, out var s)) return s;
        // Rounding at a span end: clamp into the usable span.
        var c = t < src.UsableStart ? src.UsableStart : src.UsableStop;
        return src.TryGetState(c, out s) ? s : throw new InvalidOperationException($"ephemeris of object {obj} has no state near {seconds} s");
    }

    /// <inheritdoc />
    public void PropagateSamples(ReadOnlySpan<double> secondsFromStart, ReadOnlySpan<int> objects,
        Span<double> xKm, Span<double> yKm, Span<double> zKm, Span<int> errors, int maxDegreeOfParallelism)
    {
        var nt = secondsFromStart.Length;
        if (_sgp is not null)
        {
            var sgpObjects = new List<int>(objects.Length);
            foreach (var i in objects) if (i < _m) sgpObjects.Add(i);
            if (sgpObjects.Count > 0)
            {
                var need = nt * _m;
                if (_tx.Length < need) { _tx = new double[need]; _ty = new double[need]; _tz = new double[need]; _te = new int[need]; }
                _sgp.PropagateSamples(secondsFromStart, sgpObjects.ToArray(), _tx.AsSpan(0, need), _ty.AsSpan(0, need), _tz.AsSpan(0, need),
                    _te.AsSpan(0, need), maxDegreeOfParallelism);
                for (var k = 0; k < nt; k++)
                {
                    var src = k * _m; var dst = k * _n;
                    foreach (var i in sgpObjects)
                    {
                        xKm[dst + i] = _tx[src + i]; yKm[dst + i] = _ty[src + i]; zKm[dst + i] = _tz[src + i]; errors[dst + i] = _te[src + i];
                    }
                }
            }
        }
        var listed = new HashSet<int>();
        foreach (var i in objects) if (_eph[i] is not null) listed.Add(i);
        if (listed.Count == 0) return;
        var work = _ephObjects.Where(listed.Contains).ToArray();
        var times = secondsFromStart.ToArray();
        var n = _n;
        var px = new double[work.Length * nt]; var py = new double[px.Length]; var pz = new double[px.Length];
        var pe = new int[px.Length]; var keep = new bool[px.Length];
        Parallel.For(0, work.Length, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, w =>
        {
            var i = work[w];
            for (var k = 0; k < times.Length; k++)
            {
                var o = w * nt + k;
                if (_fallback[i] && !InSpan(i, times[k])) { keep[o] = true; continue; } // the element set's sample stands
                pe[o] = PropagateOwn(i, times[k], out var r, out _);
                px[o] = r.X; py[o] = r.Y; pz[o] = r.Z;
            }
        });
        for (var w = 0; w < work.Length; w++)
        {
            var i = work[w];
            for (var k = 0; k < nt; k++)
            {
                var o = w * nt + k;
                if (keep[o]) continue;
                var j = k * n + i;
                xKm[j] = px[o]; yKm[j] = py[o]; zKm[j] = pz[o]; errors[j] = pe[o];
            }
        }
    }

    private bool InSpan(int obj, double t)
    {
        foreach (var s in _spans[obj]!)
            if (t >= s.FromSeconds && t <= s.ToSeconds) return true;
        return false;
    }

    /// <inheritdoc />
    public int Propagate(int obj, double secondsFromStart, out Vec3 positionKm, out Vec3 velocityKmS)
    {
        if (_eph[obj] is null)
            return _sgp!.Propagate(obj, secondsFromStart, out positionKm, out velocityKmS);
        if (_fallback[obj] && !InSpan(obj, secondsFromStart))
            return _sgp!.Propagate(obj, secondsFromStart, out positionKm, out velocityKmS);
        return PropagateOwn(obj, secondsFromStart, out positionKm, out velocityKmS);
    }

    /// <summary>The ephemeris inside its spans, the Kepler continuation outside (never the element set).</summary>
    private int PropagateOwn(int obj, double t, out Vec3 positionKm, out Vec3 velocityKmS)
    {
        var spans = _spans[obj]!;
        if (spans.Length == 0)
        {
            // An object with an element set whose ephemeris misses the window: the element set only.
            return _sgp!.Propagate(obj, t, out positionKm, out velocityKmS);
        }
        StateVector s;
        if (InSpan(obj, t))
        {
            s = EphemerisState(obj, t);
        }
        else
        {
            var last = -1;
            for (var k = 0; k < spans.Length; k++) if (spans[k].ToSeconds < t) last = k;
            s = last >= 0
                ? KeplerContinuation.Propagate(_spanEndStates[obj]![last], t - spans[last].ToSeconds)
                : KeplerContinuation.Propagate(_spanStartStates[obj]![0], t - spans[0].FromSeconds);
        }
        positionKm = s.PositionKm;
        velocityKmS = s.VelocityKmS;
        return 0;
    }
}

/// <summary>
/// Two-body (Kepler) propagation of a state with universal variables and Stumpff functions (Curtis,
/// <i>Orbital Mechanics for Engineering Students</i>, 3rd ed., §3.7, Algorithms 3.3 and 3.4: Newton's
/// method on the universal Kepler equation, then the Lagrange f and g coefficients). Valid for every conic.
/// μ is WGS-72's (<see cref="OrbitBounds.MuKm3S2"/>), as SGP4 uses.
/// </summary>
public static class KeplerContinuation
{
    /// <summary>The state <paramref name="dtSeconds"/> after <paramref name="state"/> (km, km/s) on its two-body orbit.</summary>
    public static StateVector Propagate(StateVector state, double dtSeconds, double muKm3S2 = OrbitBounds.MuKm3S2)
    {
        if (dtSeconds == 0) return state;
        var r0v = state.PositionKm; var v0v = state.VelocityKmS;
        var r0 = r0v.Norm;
        var v0 = v0v.Norm;
        var sqrtMu = Math.Sqrt(muKm3S2);
        var vr0 = Vec3.Dot(r0v, v0v) / r0;
        var alpha = 2.0 / r0 - v0 * v0 / muKm3S2; // 1/a
        var dt = dtSeconds;
        if (alpha > 1e-12)
        {
            // Elliptic: whole revolutions change nothing.
            var period = 2 * Math.PI / Math.Sqrt(muKm3S2 * alpha * alpha * alpha);
            dt = Math.IEEERemainder(dt, period);
            if (dt == 0) return state;
        }
        var chi = sqrtMu * Math.Abs(alpha) * dt;
        if (chi == 0 || !double.IsFinite(chi)) chi = sqrtMu * dt / r0;
        for (var iter = 0; iter < 100; iter++)
        {
            var z = alpha * chi * chi;
            var c = StumpffC(z); var s = StumpffS(z);
            var f = r0 * vr0 / sqrtMu * chi * chi * c + (1 - alpha * r0) * chi * chi * chi * s + r0 * chi - sqrtMu * dt;
            var fp = r0 * vr0 / sqrtMu * chi * (1 - z * s) + (1 - alpha * r0) * chi * chi * c + r0;
            var step = f / fp;
            chi -= step;
            if (Math.Abs(step) < 1e-12 * Math.Max(1.0, Math.Abs(chi))) break;
        }
        var zz = alpha * chi * chi;
        var cc = StumpffC(zz); var ss = StumpffS(zz);
        var fL = 1 - chi * chi / r0 * cc;
        var gL = dt - chi * chi * chi * ss / sqrtMu;
        var r = fL * r0v + gL * v0v;
        var rn = r.Norm;
        var fDot = sqrtMu / (rn * r0) * (zz * ss - 1) * chi;
        var gDot = 1 - chi * chi / rn * cc;
        return new StateVector(r, fDot * r0v + gDot * v0v);
    }

    private static double StumpffS(double z)
    {
        if (z > 1e-8) { var q = Math.Sqrt(z); return (q - Math.Sin(q)) / (q * q * q); }
        if (z < -1e-8) { var q = Math.Sqrt(-z); return (Math.Sinh(q) - q) / (q * q * q); }
        return 1.0 / 6 - z / 120;
    }

    private static double StumpffC(double z)
    {
        if (z > 1e-8) return (1 - Math.Cos(Math.Sqrt(z))) / z;
        if (z < -1e-8) return (Math.Cosh(Math.Sqrt(-z)) - 1) / -z;
        return 0.5 - z / 24;
    }
}
