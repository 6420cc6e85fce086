using OpenSda.Mathematics;
using OpenSda.Time;

namespace OpenSda.Orbits.Ephemeris;

/// <summary>
/// States interpolated from time-ordered samples (an OEM segment), by Lagrange or Hermite
/// polynomials of a given degree, in the sliding window of samples nearest the requested time.
/// </summary>
/// <remarks>
/// <para>
/// <b>Lagrange</b> (degree <i>n</i>): the polynomial through <i>n</i>+1 consecutive samples, in
/// barycentric form (Berrut &amp; Trefethen 2004, SIAM Review 46(3), Eq. 4.2), applied to each position
/// and velocity component; it reproduces polynomials of degree ≤ <i>n</i> exactly.
/// </para>
/// <para>
/// <b>Hermite</b> (degree <i>n</i>): the osculating polynomial of degree 2<i>m</i>−1 through
/// <i>m</i> = ⌈(<i>n</i>+1)/2⌉ samples (at least 2) that matches positions and velocities, built from
/// divided differences on doubled nodes (Burden &amp; Faires, <i>Numerical Analysis</i>, §3.4, Algorithm 3.3);
/// the velocity returned is the derivative of the position polynomial, so position and velocity are
/// consistent. It reproduces polynomials of degree ≤ 2<i>m</i>−1 exactly. This is CCSDS's meaning of
/// <c>INTERPOLATION_DEGREE</c>: the degree of the interpolating polynomial.
/// </para>
/// <para>
/// The window is centred on the requested time and shifted inward at the ends of the data; times are
/// seconds from the window's first sample, for conditioning. The usable span defaults to the
/// samples' span and may be narrowed (OEM <c>USEABLE_START_TIME</c>/<c>USEABLE_STOP_TIME</c>). Instances
/// are immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class InterpolatedEphemeris : IEphemerisSource
{
    private readonly Instant[] _times;
    private readonly StateVector[] _states;
    private readonly int _window;

    /// <summary>An interpolator over <paramref name="times"/> (strictly increasing) and <paramref name="states"/>.</summary>
    /// <param name="times">Sample instants, strictly increasing.</param>
    /// <param name="states">Samples (km, km/s), one per time.</param>
    /// <param name="method">Lagrange, Hermite or linear.</param>
    /// <param name="degree">Polynomial degree (CCSDS INTERPOLATION_DEGREE); reduced when there are fewer samples.</param>
    /// <param name="usableStart">Start of the usable span (default: first sample).</param>
    /// <param name="usableStop">End of the usable span (default: last sample).</param>
    public InterpolatedEphemeris(IReadOnlyList<Instant> times, IReadOnlyList<StateVector> states,
        EphemerisInterpolation method, int degree, Instant? usableStart = null, Instant? usableStop = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(states);
        if (times.Count != states.Count)
            throw new ArgumentException("one state per time is needed", nameof(states));
        if (times.Count < 2)
            throw new ArgumentException("at least two samples are needed to interpolate", nameof(times));
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        _times = [.. times];
        _states = [.. states];
        for (var i = 1; i < _times.Length; i++)
            if (_times[i] <= _times[i - 1])
                throw new ArgumentException($"sample times must increase strictly (sample {i})", nameof(times));
        Method = method;
        Degree = degree;
        _window = method switch
        {
            EphemerisInterpolation.Linear => 2,
            EphemerisInterpolation.Lagrange => Math.Min(degree + 1, _times.Length),
            _ => Math.Min(Math.Max(2, (degree + 2) / 2), _times.Length),
        };
        UsableStart = usableStart is { } s && s > _times[0] ? s : _times[0];
        UsableStop = usableStop is { } e && e < _times[^1] ? e : _times[^1];
        if (UsableStop < UsableStart)
            throw new ArgumentException("the usable span lies outside the samples");
    }

    /// <summary>The method.</summary>
    public EphemerisInterpolation Method { get; }

    /// <summary>The polynomial degree asked for.</summary>
    public int Degree { get; }

    /// <summary>Samples used per interpolation.</summary>
    public int WindowSize => _window;

    /// <summary>Number of samples.</summary>
    public int Count => _times.Length;

    /// <inheritdoc/>
    public Instant UsableStart { get; }

    /// <inheritdoc/>
    public Instant UsableStop { get; }

    /// <inheritdoc/>
    public bool TryGetState(Instant t, out StateVector state)
    {
        state = default;
        if (t < UsableStart || t > UsableStop)
            return false;
        var first = WindowStart(t);
        var exact = Array.BinarySearch(_times, first, _window, t);
        if (exact >= 0)
        {
            state = _states[exact];
            return true;
        }
        state = Method == EphemerisInterpolation.Hermite ? Hermite(first, t) : Lagrange(first, t);
        return true;
    }

    /// <summary>The state at <paramref name="t"/>, or <see cref="ArgumentOutOfRangeException"/> outside the usable span.</summary>
    public StateVector GetState(Instant t) =>
        TryGetState(t, out var s) ? s : throw new ArgumentOutOfRangeException(nameof(t), t, $"outside the usable span {UsableStart} .. {UsableStop}");

    private int WindowStart(Instant t)
    {
        var i = Array.BinarySearch(_times, t);
        if (i < 0) i = ~i; // first sample after t
        var start = i - _window / 2;
        return Math.Clamp(start, 0, _times.Length - _window);
    }

    private StateVector Lagrange(int first, Instant t)
    {
        // Barycentric Lagrange: weights w_j = 1 / prod_{k != j} (x_j - x_k).
        Span<double> x = stackalloc double[_window];
        Span<double> w = stackalloc double[_window];
        var origin = _times[first];
        for (var j = 0; j < _window; j++)
            x[j] = _times[first + j].SecondsSince(origin);
        var xt = t.SecondsSince(origin);
        double sum = 0;
        Vec3 p = Vec3.Zero, v = Vec3.Zero;
        for (var j = 0; j < _window; j++)
        {
            var wj = 1.0;
            for (var k = 0; k < _window; k++)
                if (k != j) wj /= x[j] - x[k];
            var c = wj / (xt - x[j]);
            sum += c;
            p += c * _states[first + j].PositionKm;
            v += c * _states[first + j].VelocityKmS;
        }
        return new StateVector(p / sum, v / sum);
    }

    private StateVector Hermite(int first, Instant t)
    {
        var m = _window;
        var n = 2 * m;
        Span<double> z = stackalloc double[n];
        Span<double> q = stackalloc double[3 * n * n > 1024 ? 0 : 3 * n * n];
        double[]? heap = q.Length == 0 ? new double[3 * n * n] : null;
        if (heap is not null) q = heap;
        var origin = _times[first];
        for (var i = 0; i < m; i++)
        {
            var ti = _times[first + i].SecondsSince(origin);
            z[2 * i] = z[2 * i + 1] = ti;
        }
        var xt = t.SecondsSince(origin);
        Span<double> pos = stackalloc double[3];
        Span<double> vel = stackalloc double[3];
        for (var axis = 0; axis < 3; axis++)
        {
            var table = q.Slice(axis * n * n, n * n); // table[i * n + j] = Q[i, j]
            for (var i = 0; i < m; i++)
            {
                var s = _states[first + i];
                var p = Component(s.PositionKm, axis);
                var d = Component(s.VelocityKmS, axis);
                table[2 * i * n] = p;
                table[(2 * i + 1) * n] = p;
                table[(2 * i + 1) * n + 1] = d;
                if (i > 0)
                    table[2 * i * n + 1] = (table[2 * i * n] - table[(2 * i - 1) * n]) / (z[2 * i] - z[2 * i - 1]);
            }
            for (var i = 2; i < n; i++)
                for (var j = 2; j <= i; j++)
                    table[i * n + j] = (table[i * n + j - 1] - table[(i - 1) * n + j - 1]) / (z[i] - z[i - j]);
            // Newton form: H(x) = sum_j Q[j,j] prod_{k<j} (x - z_k); Horner for value and derivative.
            double value = table[(n - 1) * n + n - 1], deriv = 0;
            for (var j = n - 2; j >= 0; j--)
            {
                deriv = deriv * (xt - z[j]) + value;
                value = value * (xt - z[j]) + table[j * n + j];
            }
            pos[axis] = value;
            vel[axis] = deriv;
        }
        return new StateVector(new Vec3(pos[0], pos[1], pos[2]), new Vec3(vel[0], vel[1], vel[2]));
    }

    private static double Component(Vec3 v, int axis) => axis switch { 0 => v.X, 1 => v.Y, _ => v.Z };
}

/// <summary>
/// Several ephemeris sources in sequence (the segments of an OEM): a state comes from the last
/// source whose usable span contains the time, so a later segment (after a manoeuvre) wins where
/// spans touch or overlap.
/// </summary>
public sealed class SegmentedEphemeris : IEphemerisSource
{
    private readonly IEphemerisSource[] _parts;

    /// <summary>Combines <paramref name="parts"/> (at least one).</summary>
    public SegmentedEphemeris(IEnumerable<IEphemerisSource> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _parts = [.. parts];
        if (_parts.Length == 0)
            throw new ArgumentException("at least one segment is needed", nameof(parts));
        UsableStart = _parts.Min(p => p.UsableStart);
        UsableStop = _parts.Max(p => p.UsableStop);
    }

    /// <summary>The segments.</summary>
    public IReadOnlyList<IEphemerisSource> Parts => _parts;

    /// <inheritdoc/>
    public Instant UsableStart { get; }

    /// <inheritdoc/>
    public Instant UsableStop { get; }

    /// <inheritdoc/>
    public bool TryGetState(Instant t, out StateVector state)
    {
        for (var i = _parts.Length - 1; i >= 0; i--)
            if (_parts[i].TryGetState(t, out state))
                return true;
        state = default;
        return false;
    }
}
