using BenchmarkDotNet.Attributes;
using OpenSda.Mathematics;
using OpenSda.Screening.Probability;

namespace OpenSda.Benchmarks;

/// <summary>
/// Collision-probability throughput on one core. "Plane" benchmarks start from encounter-plane parameters
/// (the inner loop of a screening run); "Conjunction" ones include the frame construction, covariance
/// projection and eigen-decomposition from two ECI states. Each invocation evaluates <see cref="N"/> cases,
/// so evaluations/s = N / mean time.
/// </summary>
[MemoryDiagnoser]
public class PcBenchmarks
{
    /// <summary>Cases per invocation.</summary>
    public const int N = 1000;

    private readonly (double Xm, double Zm, double Sx, double Sz, double R)[] _plane = new (double, double, double, double, double)[N];
    private Conjunction[] _conj = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        for (var i = 0; i < N; i++)
        {
            var sx = 50 + 2000 * rng.NextDouble();
            var sz = 10 + 200 * rng.NextDouble();
            _plane[i] = (3 * sx * rng.NextDouble(), 3 * sz * rng.NextDouble(), sx, sz, 5 + 15 * rng.NextDouble());
        }
        _conj = new Conjunction[N];
        for (var i = 0; i < N; i++)
        {
            var r1 = new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5).Unit * 7000;
            var v1 = Vec3.Cross(r1, new Vec3(0, 0, 1)).Unit * 7.5;
            var v2 = Vec3.Cross(r1, new Vec3(1, 0, 0)).Unit * 7.5;
            var cov = StateCovariance.PositionOnly(Mat3.Diagonal(100 * 100, 1000 * 1000, 50 * 50), CovarianceFrame.Rtn);
            _conj[i] = new Conjunction(new ConjunctionObject(new StateVector(r1, v1), cov),
                new ConjunctionObject(new StateVector(r1 + new Vec3(0.1, 0.05, 0.02) * rng.NextDouble(), v2), cov), 10);
        }
    }

    [Benchmark(OperationsPerInvoke = N)]
    public double Pc2D_Plane()
    {
        double s = 0;
        foreach (var p in _plane) s += Foster1992.Circle(p.Xm, p.Zm, p.Sx, p.Sz, p.R);
        return s;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public double Chan_Plane()
    {
        double s = 0;
        foreach (var p in _plane) s += Chan1997.Series(p.Xm, p.Zm, p.Sx, p.Sz, p.R);
        return s;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public double Pc2D_CaraGc64_Plane()
    {
        double s = 0;
        foreach (var p in _plane) s += Foster1992.CircleCaraGc(p.Xm, p.Zm, p.Sx, p.Sz, p.R, 64);
        return s;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public double Pc2D_Conjunction()
    {
        double s = 0;
        foreach (var c in _conj) s += Foster1992.Compute(c).Pc;
        return s;
    }

    /// <summary>The value-only path (<see cref="Foster1992.Pc"/>): no flags, notes or allocation.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double Pc2D_Conjunction_Value()
    {
        double s = 0;
        foreach (var c in _conj) s += Foster1992.Pc(c);
        return s;
    }
}
