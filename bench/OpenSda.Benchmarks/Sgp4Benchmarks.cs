using BenchmarkDotNet.Attributes;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Benchmarks;

/// <summary>
/// SGP4 throughput on the standard workload (shared/data/sgp4-bench/SOURCES.md): the 20,000 element sets of
/// <c>bench_20000.tle</c> × 1,440 one-minute steps from 2022-08-09T00:00Z = 28.8 M propagations per
/// invocation. With OperationsPerInvoke, BenchmarkDotNet's "Mean" is the time per propagation, so
/// props/s = 1 / Mean. Reference: Vallado's C++ (python-sgp4 SatrecArray) ≈ 3.9 M props/s per core here.
/// Run: <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter '*Sgp4*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class Sgp4Benchmarks
{
    private const int Objects = 20_000;
    private const int Steps = 1_440;
    private const int Propagations = Objects * Steps;
    private const int ChunkSteps = 60;

    private IReadOnlyList<MeanElements> _elements = [];
    private Sgp4Propagator[] _scalar = [];
    private Sgp4Batch _batch = null!;
    private JulianDate[] _times = [];
    private double[] _x = [], _y = [], _z = [], _vx = [], _vy = [], _vz = [];
    private Sgp4Error[] _e = [];

    [GlobalSetup]
    public void Setup()
    {
        _elements = TestTle.ReadFile(SharedData.Data("sgp4-bench", "bench_20000.tle"));
        if (_elements.Count != Objects) throw new InvalidOperationException($"expected {Objects} sets, got {_elements.Count}");
        _scalar = _elements.Select(e => new Sgp4Propagator(e)).ToArray();
        _batch = new Sgp4Batch(_elements);
        var t0 = JulianDate.FromCalendar(2022, 8, 9);
        _times = Enumerable.Range(0, Steps).Select(k => new JulianDate(t0.Day, k / 1440.0)).ToArray();
        var n = Objects * ChunkSteps;
        _x = new double[n]; _y = new double[n]; _z = new double[n];
        _vx = new double[n]; _vy = new double[n]; _vz = new double[n];
        _e = new Sgp4Error[n];
    }

    /// <summary>One core, one <see cref="Sgp4Propagator"/> per object, object-major (as python-sgp4's SatrecArray loops).</summary>
    [Benchmark(OperationsPerInvoke = Propagations, Baseline = true)]
    public double ScalarOneCore()
    {
        var sum = 0.0;
        var times = _times;
        foreach (var sat in _scalar)
        {
            for (var k = 0; k < times.Length; k++)
            {
                sat.Propagate(times[k], out var r, out _);
                sum += r.X;
            }
        }
        return sum;
    }

    /// <summary>One core, <see cref="Sgp4Batch.Propagate"/> in 60-step chunks into SoA buffers.</summary>
    [Benchmark(OperationsPerInvoke = Propagations)]
    public double BatchOneCore() => RunBatch(1);

    /// <summary>All cores, <see cref="Sgp4Batch.Propagate"/> in 60-step chunks (throughput of the whole machine).</summary>
    [Benchmark(OperationsPerInvoke = Propagations)]
    public double BatchAllCores() => RunBatch(-1);

    private double RunBatch(int dop)
    {
        var sum = 0.0;
        for (var k = 0; k < Steps; k += ChunkSteps)
        {
            _batch.Propagate(_times.AsSpan(k, ChunkSteps), _x, _y, _z, _vx, _vy, _vz, _e, dop);
            sum += _x[0];
        }
        return sum;
    }
}
