using OpenSda.Time;

namespace OpenSda.Orbits.Sgp4;

/// <summary>
/// N initialised SGP4/SDP4 satellites propagated together, for the screening engine. Results go to
/// caller-supplied structure-of-arrays buffers (x, y, z in km, vx, vy, vz in km/s, TEME, and one
/// <see cref="Sgp4Error"/> per sample), laid out <c>[time * Count + object]</c>. Samples with codes 1–4
/// hold NaN; code 6 holds the computed state (as <see cref="Sgp4Propagator"/>). Each result is
/// bit-for-bit what <see cref="Sgp4Propagator"/> gives for the same object and time: both run the same kernel.
/// </summary>
/// <remarks>
/// <para>Storage: the per-object constants of <c>sgp4init</c> are kept as one contiguous array of blittable
/// records (about 1 KB each), visited in object order; the outputs are structure-of-arrays. A SIMD
/// kernel can later transpose blocks of near-earth records into lanes without changing this API.</para>
/// <para>The propagation methods allocate nothing per sample. The parallel overloads split the objects into
/// blocks and run blocks on the thread pool (<see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>);
/// the range overload <see cref="PropagateAt(JulianDate, int, int, Span{double}, Span{double}, Span{double}, Span{double}, Span{double}, Span{double}, Span{Sgp4Error})"/>
/// runs on the calling thread and allocates nothing at all.</para>
/// <para>Deep-space resonant objects carry integrator state, so concurrent calls must work on disjoint
/// object ranges.</para>
/// </remarks>
public sealed class Sgp4Batch
{
    /// <summary>Objects per work item in the parallel paths.</summary>
    private const int BlockSize = 64;

    private readonly Sgp4Record[] _records;
    private readonly Sgp4Error[] _initErrors;

    /// <summary>Initialises every element set (the reference's <c>sgp4init</c> for each).</summary>
    public Sgp4Batch(IReadOnlyList<MeanElements> elements, Sgp4GravityModel gravity = Sgp4GravityModel.Wgs72,
        Sgp4OperationMode mode = Sgp4OperationMode.Improved)
    {
        ArgumentNullException.ThrowIfNull(elements);
        Gravity = gravity;
        Mode = mode;
        var grav = Sgp4GravityConstants.For(gravity);
        _records = new Sgp4Record[elements.Count];
        _initErrors = new Sgp4Error[elements.Count];
        for (var i = 0; i < _records.Length; i++)
        {
            var el = elements[i];
            ArgumentNullException.ThrowIfNull(el, nameof(elements));
            _initErrors[i] = _records[i].Initialize(el, grav, mode);
        }
    }

    /// <summary>Number of objects.</summary>
    public int Count => _records.Length;

    /// <summary>The gravity model in use.</summary>
    public Sgp4GravityModel Gravity { get; }

    /// <summary>The operation mode in use.</summary>
    public Sgp4OperationMode Mode { get; }

    /// <summary>Per-object initialisation codes (index = object).</summary>
    public ReadOnlySpan<Sgp4Error> InitErrors => _initErrors;

    /// <summary>Epoch of object <paramref name="index"/>.</summary>
    public JulianDate EpochUtc(int index) => _records[index].Epoch;

    /// <summary>True when object <paramref name="index"/> uses the deep-space (SDP4) branch.</summary>
    public bool IsDeepSpace(int index) => _records[index].DeepSpace;

    /// <summary>
    /// Propagates every object to every time. Buffers hold at least <c>timesUtc.Length * Count</c> values;
    /// sample (time k, object i) is at index <c>k * Count + i</c>.
    /// </summary>
    /// <param name="timesUtc">UTC instants (two-part Julian dates).</param>
    /// <param name="x">TEME x, km.</param>
    /// <param name="y">TEME y, km.</param>
    /// <param name="z">TEME z, km.</param>
    /// <param name="vx">TEME vx, km/s.</param>
    /// <param name="vy">TEME vy, km/s.</param>
    /// <param name="vz">TEME vz, km/s.</param>
    /// <param name="error">Code per sample.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for the thread pool's choice, 1 to stay on the calling thread (no allocation).</param>
    public unsafe void Propagate(ReadOnlySpan<JulianDate> timesUtc,
        Span<double> x, Span<double> y, Span<double> z,
        Span<double> vx, Span<double> vy, Span<double> vz, Span<Sgp4Error> error,
        int maxDegreeOfParallelism = -1)
    {
        var n = _records.Length;
        var needed = checked(timesUtc.Length * n);
        CheckLength(needed, x, y, z, vx, vy, vz, error);
        if (needed == 0) return;

        if (maxDegreeOfParallelism == 1 || n <= BlockSize)
        {
            fixed (JulianDate* pt = timesUtc)
            fixed (double* px = x, py = y, pz = z, pvx = vx, pvy = vy, pvz = vz)
            fixed (Sgp4Error* pe = error)
            {
                var o = new Outputs(px, py, pz, pvx, pvy, pvz, pe);
                for (var start = 0; start < n; start += BlockSize)
                    RunBlock(start, Math.Min(BlockSize, n - start), pt, timesUtc.Length, o);
            }
            return;
        }

        fixed (JulianDate* pt = timesUtc)
        fixed (double* px = x, py = y, pz = z, pvx = vx, pvy = vy, pvz = vz)
        fixed (Sgp4Error* pe = error)
        {
            RunParallel(pt, timesUtc.Length, new Outputs(px, py, pz, pvx, pvy, pvz, pe), maxDegreeOfParallelism);
        }
    }

    /// <summary>Kept apart so that the closure is allocated only on the parallel path.</summary>
    private unsafe void RunParallel(JulianDate* pt, int nt, Outputs o, int maxDegreeOfParallelism)
    {
        var n = _records.Length;
        var times = (nint)pt;
        var blocks = (n + BlockSize - 1) / BlockSize;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, b =>
        {
            var start = b * BlockSize;
            RunBlock(start, Math.Min(BlockSize, n - start), (JulianDate*)times, nt, o);
        });
    }

    /// <summary>
    /// Propagates every object to one time, in parallel. Buffers hold at least <see cref="Count"/> values,
    /// index = object.
    /// </summary>
    public void PropagateAt(JulianDate timeUtc,
        Span<double> x, Span<double> y, Span<double> z,
        Span<double> vx, Span<double> vy, Span<double> vz, Span<Sgp4Error> error,
        int maxDegreeOfParallelism = -1)
        => Propagate(new ReadOnlySpan<JulianDate>(in timeUtc), x, y, z, vx, vy, vz, error, maxDegreeOfParallelism);

    /// <summary>
    /// Propagates objects <paramref name="start"/> … <paramref name="start"/>+<paramref name="count"/>−1 to one
    /// time, on the calling thread, with no allocation. Buffers hold at least <paramref name="count"/> values;
    /// element k is object <paramref name="start"/>+k (pass slices of full-length buffers for absolute indexing).
    /// </summary>
    public unsafe void PropagateAt(JulianDate timeUtc, int start, int count,
        Span<double> x, Span<double> y, Span<double> z,
        Span<double> vx, Span<double> vy, Span<double> vz, Span<Sgp4Error> error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, _records.Length - count, nameof(start));
        CheckLength(count, x, y, z, vx, vy, vz, error);
        var recs = _records;
        for (var k = 0; k < count; k++)
        {
            ref var r = ref recs[start + k];
            var ts = Sgp4Propagator.TsinceMinutes(timeUtc, r.Epoch);
            error[k] = r.Propagate(ts, out x[k], out y[k], out z[k], out vx[k], out vy[k], out vz[k]);
        }
    }

    private readonly unsafe struct Outputs(double* x, double* y, double* z, double* vx, double* vy, double* vz, Sgp4Error* e)
    {
        public readonly double* X = x, Y = y, Z = z, Vx = vx, Vy = vy, Vz = vz;
        public readonly Sgp4Error* E = e;
    }

    /// <summary>Objects [start, start+count) at every time; time-major inside the block so outputs stay contiguous.</summary>
    private unsafe void RunBlock(int start, int count, JulianDate* times, int nt, Outputs o)
    {
        var n = _records.Length;
        var recs = _records;
        for (var k = 0; k < nt; k++)
        {
            var t = times[k];
            var row = (long)k * n;
            for (var i = start; i < start + count; i++)
            {
                ref var r = ref recs[i];
                var ts = Sgp4Propagator.TsinceMinutes(t, r.Epoch);
                var j = row + i;
                o.E[j] = r.Propagate(ts, out o.X[j], out o.Y[j], out o.Z[j], out o.Vx[j], out o.Vy[j], out o.Vz[j]);
            }
        }
    }

    private static void CheckLength(int needed, Span<double> x, Span<double> y, Span<double> z,
        Span<double> vx, Span<double> vy, Span<double> vz, Span<Sgp4Error> error)
    {
        if (x.Length < needed || y.Length < needed || z.Length < needed || vx.Length < needed
            || vy.Length < needed || vz.Length < needed || error.Length < needed)
            throw new ArgumentException($"every output buffer must hold at least {needed} values");
    }
}
