using BenchmarkDotNet.Attributes;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Time;

namespace OpenSda.Benchmarks;

/// <summary>
/// TEME → ITRF for a catalogue-sized batch: building the transform once per instant (IAU-80 nutation,
/// GMST, polar motion, EOP lookup) and rotating N states with it.
/// Run: <c>dotnet run -c Release --project bench/OpenSda.Benchmarks -- --filter *FrameTransform* --job short</c>
/// </summary>
[MemoryDiagnoser]
public class FrameTransformBenchmarks
{
    private FrameTree _frames = null!;
    private Instant _t;
    private StateVector[] _states = null!;
    private StateVector[] _out = null!;

    [Params(30_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scales = TimeScales.LoadBundled();
        _frames = new FrameTree(scales);
        _t = Instant.ParseIso("2022-11-01T00:00:00Z", scales.Utc);
        var rng = new Random(1);
        _states = new StateVector[Count];
        for (var i = 0; i < Count; i++)
            _states[i] = new StateVector(new Vec3(rng.NextDouble() * 14000 - 7000, rng.NextDouble() * 14000 - 7000, rng.NextDouble() * 14000 - 7000),
                                         new Vec3(rng.NextDouble() * 14 - 7, rng.NextDouble() * 14 - 7, rng.NextDouble() * 14 - 7));
        _out = new StateVector[Count];
    }

    /// <summary>One transform at one instant (the per-epoch cost).</summary>
    [Benchmark]
    public FrameTransform BuildTemeToItrfTransform() => _frames.GetTransform(_frames.Teme, _frames.Itrf, _t);

    /// <summary>One transform, applied to <see cref="Count"/> states (the batch path).</summary>
    [Benchmark]
    public void TemeToItrfBatch()
    {
        var transform = _frames.GetTransform(_frames.Teme, _frames.Itrf, _t);
        transform.TransformStates(_states, _out);
    }
}
