using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.Screening;

/// <summary>
/// <see cref="IScreeningPropagator"/> over <see cref="Sgp4Batch"/>: SGP4/SDP4 (WGS-72, improved mode by
/// default) TEME positions. Chunk propagation runs the batch in parallel over disjoint object blocks;
/// single-object calls (refinement) lock deep-space objects, whose resonance integrator keeps state.
/// </summary>
public sealed class Sgp4ScreeningPropagator : IScreeningPropagator
{
    private readonly Sgp4Batch _batch;
    private readonly Sgp4VectorBatch? _vector;
    private readonly JulianDate _start;
    private readonly object?[] _locks;
    private double[] _vx = [], _vy = [], _vz = [];
    private Sgp4Error[] _err = [];
    private JulianDate[] _times = [];

    /// <summary>Initialises SGP4 for every element set; the window starts at <paramref name="startUtc"/>.</summary>
    public Sgp4ScreeningPropagator(IReadOnlyList<MeanElements> elements, JulianDate startUtc,
        Sgp4GravityModel gravity = Sgp4GravityModel.Wgs72, Sgp4OperationMode mode = Sgp4OperationMode.Improved)
        : this(new Sgp4Batch(elements, gravity, mode), new Sgp4VectorBatch(elements, gravity, mode), startUtc)
    {
    }

    /// <summary>
    /// Screening propagation with the vectorised batch (<see cref="Sgp4VectorBatch"/>, the same SGP4 to 1e-9 km) for the
    /// all-object samples of the broad phase, and <paramref name="batch"/> for single objects (refinement, subsets).
    /// Both must hold the same element sets in the same order.
    /// </summary>
    public Sgp4ScreeningPropagator(Sgp4Batch batch, Sgp4VectorBatch? vector, JulianDate startUtc)
        : this(batch, startUtc)
    {
        if (vector is not null && vector.Count != batch.Count) throw new ArgumentException("the vector batch must hold the same element sets", nameof(vector));
        _vector = vector;
    }

    /// <summary>Wraps an initialised batch.</summary>
    public Sgp4ScreeningPropagator(Sgp4Batch batch, JulianDate startUtc)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _batch = batch;
        _start = startUtc;
        _locks = new object?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            if (batch.IsDeepSpace(i)) _locks[i] = new object();
    }

    /// <summary>The underlying batch.</summary>
    public Sgp4Batch Batch => _batch;

    /// <inheritdoc />
    public int Count => _batch.Count;

    private JulianDate At(double seconds) => _start.AddDays(seconds / 86400.0);

    /// <inheritdoc />
    public void PropagateSamples(ReadOnlySpan<double> secondsFromStart, ReadOnlySpan<int> objects,
        Span<double> xKm, Span<double> yKm, Span<double> zKm, Span<int> errors, int maxDegreeOfParallelism)
    {
        var n = _batch.Count;
        var nt = secondsFromStart.Length;
        var need = nt * n;
        if (_vx.Length < need)
        {
            _vx = new double[need]; _vy = new double[need]; _vz = new double[need]; _err = new Sgp4Error[need];
        }
        if (_times.Length < nt) _times = new JulianDate[nt];
        for (var k = 0; k < nt; k++) _times[k] = At(secondsFromStart[k]);
        var times = _times.AsSpan(0, nt);
        if (2 * objects.Length >= n)
        {
            // Most objects: the batch's own parallel path over all objects (the others' slots are overwritten).
            if (_vector is not null) _vector.Propagate(times, xKm, yKm, zKm, _vx, _vy, _vz, _err, maxDegreeOfParallelism);
            else _batch.Propagate(times, xKm, yKm, zKm, _vx, _vy, _vz, _err, maxDegreeOfParallelism);
        }
        else
        {
            // A subset (one-against-all mode): disjoint blocks of listed objects, in parallel.
            var list = objects.ToArray();
            PropagateSubset(list, nt, need);
            for (var k = 0; k < nt; k++)
                foreach (var i in list)
                {
                    var j = k * n + i;
                    xKm[j] = _sx[j]; yKm[j] = _sy[j]; zKm[j] = _sz[j];
                }
        }
        for (var k = 0; k < nt; k++)
            foreach (var i in objects)
                errors[k * n + i] = (int)_err[k * n + i];
    }

    private double[] _sx = [], _sy = [], _sz = [];

    private void PropagateSubset(int[] list, int nt, int need)
    {
        var n = _batch.Count;
        if (_sx.Length < need) { _sx = new double[need]; _sy = new double[need]; _sz = new double[need]; }
        var blocks = (list.Length + 63) / 64;
        Parallel.For(0, blocks, b =>
        {
            var end = Math.Min(list.Length, (b + 1) * 64);
            for (var s = b * 64; s < end; s++)
            {
                var i = list[s];
                for (var k = 0; k < nt; k++)
                {
                    var j = k * n + i;
                    _batch.PropagateAt(_times[k], i, 1, _sx.AsSpan(j, 1), _sy.AsSpan(j, 1), _sz.AsSpan(j, 1),
                        _vx.AsSpan(j, 1), _vy.AsSpan(j, 1), _vz.AsSpan(j, 1), _err.AsSpan(j, 1));
                }
            }
        });
    }

    /// <inheritdoc />
    public int Propagate(int obj, double secondsFromStart, out Vec3 positionKm, out Vec3 velocityKmS)
    {
        Span<double> b = stackalloc double[6];
        Span<Sgp4Error> e = stackalloc Sgp4Error[1];
        var t = At(secondsFromStart);
        var l = _locks[obj];
        if (l is null)
        {
            _batch.PropagateAt(t, obj, 1, b[..1], b.Slice(1, 1), b.Slice(2, 1), b.Slice(3, 1), b.Slice(4, 1), b.Slice(5, 1), e);
        }
        else
        {
            lock (l)
                _batch.PropagateAt(t, obj, 1, b[..1], b.Slice(1, 1), b.Slice(2, 1), b.Slice(3, 1), b.Slice(4, 1), b.Slice(5, 1), e);
        }
        positionKm = new Vec3(b[0], b[1], b[2]);
        velocityKmS = new Vec3(b[3], b[4], b[5]);
        return (int)e[0];
    }
}
