using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Benchmarks;

/// <summary>
/// The vectorised batch propagator (<see cref="Sgp4VectorBatch"/>) on the standard SGP4 workload (20,000 sets of
/// <c>bench_20000.tle</c> × 1,440 one-minute steps from 2022-08-09T00:00Z = 28.8 M propagations per invocation),
/// at each width, against the scalar batch (<see cref="Sgp4Batch"/>, baseline). OperationsPerInvoke makes "Mean"
/// the time per propagation: props/s = 1 / Mean. Chunks of 16 steps, as <c>opensda bench sgp4</c> uses.
/// Run: <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter '*Sgp4Simd*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class Sgp4SimdBenchmarks
{
    private const int Objects = 20_000;
    private const int Steps = 1_440;
    private const int Propagations = Objects * Steps;
    private const int ChunkSteps = 16;

    private Sgp4Batch _scalar = null!;
    private Sgp4VectorBatch _v512 = null!, _v256 = null!;
    private JulianDate[] _times = [];
    private double[] _x = [], _y = [], _z = [], _vx = [], _vy = [], _vz = [];
    private float[] _fx = [], _fy = [], _fz = [];
    private Sgp4Error[] _e = [];

    [GlobalSetup]
    public void Setup()
    {
        IReadOnlyList<MeanElements> elements = TestTle.ReadFile(SharedData.Data("sgp4-bench", "bench_20000.tle"));
        if (elements.Count != Objects) throw new InvalidOperationException($"expected {Objects} sets, got {elements.Count}");
        _scalar = new Sgp4Batch(elements);
        _v512 = new Sgp4VectorBatch(elements, width: Sgp4VectorWidth.Vector512);
        _v256 = new Sgp4VectorBatch(elements, width: Sgp4VectorWidth.Vector256);
        var t0 = JulianDate.FromCalendar(2022, 8, 9);
        _times = Enumerable.Range(0, Steps).Select(k => new JulianDate(t0.Day, k / 1440.0)).ToArray();
        var n = Objects * ChunkSteps;
        _x = new double[n]; _y = new double[n]; _z = new double[n];
        _vx = new double[n]; _vy = new double[n]; _vz = new double[n];
        _fx = new float[n]; _fy = new float[n]; _fz = new float[n];
        _e = new Sgp4Error[n];
    }

    /// <summary>One core, the scalar batch (the reference kernel).</summary>
    [Benchmark(OperationsPerInvoke = Propagations, Baseline = true)]
    public double ScalarBatchOneCore() => Run(b => _scalar.Propagate(b, _x, _y, _z, _vx, _vy, _vz, _e, 1));

    /// <summary>One core, 512-bit lanes (emulated where the hardware lacks AVX-512).</summary>
    [Benchmark(OperationsPerInvoke = Propagations)]
    public double Vector512OneCore() => Run(b => _v512.Propagate(b, _x, _y, _z, _vx, _vy, _vz, _e, 1));

    /// <summary>One core, 256-bit lanes.</summary>
    [Benchmark(OperationsPerInvoke = Propagations)]
    public double Vector256OneCore() => Run(b => _v256.Propagate(b, _x, _y, _z, _vx, _vy, _vz, _e, 1));

    /// <summary>One core, 512-bit lanes, single-precision positions only.</summary>
    [Benchmark(OperationsPerInvoke = Propagations)]
    public double Vector512PositionsOneCore() => Run(b => _v512.PropagatePositions(b, _fx, _fy, _fz, _e, 1));

    /// <summary>All cores, 512-bit lanes.</summary>
    [Benchmark(OperationsPerInvoke = Propagations)]
    public double Vector512AllCores() => Run(b => _v512.Propagate(b, _x, _y, _z, _vx, _vy, _vz, _e, -1));

    private delegate void Chunk(ReadOnlySpan<JulianDate> times);

    private double Run(Chunk propagate)
    {
        var sum = 0.0;
        for (var k = 0; k < Steps; k += ChunkSteps)
        {
            propagate(_times.AsSpan(k, ChunkSteps));
            sum += _x[0] + _fx[0];
        }
        return sum;
    }
}

/// <summary>
/// <see cref="Sgp4SimdBenchmarks"/> timed by the benchmark thread's CPU time (see <see cref="Sgp4CpuTimeBenchmarks"/>):
/// per-core figures on a machine loaded by other work. Linux only; the all-cores case is meaningless here.
/// Run: <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter '*Sgp4SimdCpuTime*OneCore*'</c>
/// </summary>
[Config(typeof(CpuTimeConfig))]
public class Sgp4SimdCpuTimeBenchmarks : Sgp4SimdBenchmarks
{
    private sealed class CpuTimeConfig : ManualConfig
    {
        public CpuTimeConfig() =>
            AddJob(Job.ShortRun
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithClock(CpuClock.Thread)
                .WithId("ThreadCpuTime"));
    }
}
