using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Testing;
using OpenSda.Time;

namespace OpenSda.Core.Tests.Sgp4;

public class Sgp4BatchTests
{
    private static IReadOnlyList<MeanElements> VerificationSet() =>
        TestTle.ReadFile(SharedData.Data("sgp4-verification", "SGP4-VER.TLE"));

    private static IReadOnlyList<MeanElements> BenchSample() =>
        TestTle.ReadFile(SharedData.Data("sgp4-bench", "bench_20000.tle")).Where((_, i) => i % 40 == 0).ToList();

    private sealed record Buffers(double[] X, double[] Y, double[] Z, double[] Vx, double[] Vy, double[] Vz, Sgp4Error[] E)
    {
        public static Buffers Of(int n) => new(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new Sgp4Error[n]);
    }

    private static void AssertSameAsScalar(IReadOnlyList<MeanElements> set, JulianDate[] times, Buffers b, int count)
    {
        for (var i = 0; i < set.Count; i++)
        {
            var sat = new Sgp4Propagator(set[i]);
            for (var k = 0; k < times.Length; k++)
            {
                var e = sat.Propagate(times[k], out var r, out var v);
                var j = k * count + i;
                Assert.Equal(e, b.E[j]);
                // Bit-for-bit (NaN compares equal to NaN with Equals).
                Assert.True(r.X.Equals(b.X[j]) && r.Y.Equals(b.Y[j]) && r.Z.Equals(b.Z[j]), $"object {i} time {k}");
                Assert.True(v.X.Equals(b.Vx[j]) && v.Y.Equals(b.Vy[j]) && v.Z.Equals(b.Vz[j]), $"object {i} time {k}");
            }
        }
    }

    [Fact]
    public void Batch_equals_scalar_bit_for_bit_on_a_catalogue_sample_in_parallel()
    {
        var set = BenchSample();
        var batch = new Sgp4Batch(set);
        var t0 = JulianDate.FromCalendar(2022, 8, 9);
        var times = Enumerable.Range(0, 30).Select(k => t0.AddDays(k * 0.123456)).ToArray();
        var b = Buffers.Of(times.Length * batch.Count);
        batch.Propagate(times, b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E);
        Assert.Contains(Enumerable.Range(0, batch.Count), batch.IsDeepSpace);
        AssertSameAsScalar(set, times, b, batch.Count);
    }

    [Fact]
    public void Batch_reports_error_codes_per_sample_like_the_scalar_propagator()
    {
        var set = VerificationSet();
        var batch = new Sgp4Batch(set);
        Assert.Equal(33, batch.Count);
        var index33334 = set.ToList().FindIndex(e => e.CatalogNumber == 33334);
        Assert.Equal(Sgp4Error.PerturbedEccentricity, batch.InitErrors[index33334]);

        // Times around the epoch of 28872 (decays near 55 min) and 33333 (semi-latus rectum < 0 at 25 min).
        var e28872 = set.First(e => e.CatalogNumber == 28872).EpochUtc;
        var times = Enumerable.Range(0, 80).Select(k => e28872.AddDays(k / 1440.0)).ToArray();
        var b = Buffers.Of(times.Length * batch.Count);
        batch.Propagate(times, b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E, maxDegreeOfParallelism: 1);
        AssertSameAsScalar(set, times, b, batch.Count);

        var i28872 = set.ToList().FindIndex(e => e.CatalogNumber == 28872);
        var codes = Enumerable.Range(0, times.Length).Select(k => b.E[k * batch.Count + i28872]).ToArray();
        Assert.Equal(Sgp4Error.None, codes[50]);
        Assert.Contains(Sgp4Error.Decayed, codes);
        var decayed = Array.IndexOf(codes, Sgp4Error.Decayed);
        Assert.InRange(decayed, 51, 55);
        // Code 6 still returns the computed state; codes 1-4 return NaN.
        Assert.True(double.IsFinite(b.X[decayed * batch.Count + i28872]));
        for (var j = 0; j < b.E.Length; j++)
        {
            if (!b.E[j].HasState()) Assert.True(double.IsNaN(b.X[j]) && double.IsNaN(b.Vz[j]));
            else Assert.True(double.IsFinite(b.X[j]) && double.IsFinite(b.Vz[j]));
        }
        Assert.Contains(Sgp4Error.MeanEccentricity, b.E);
    }

    [Fact]
    public void Single_time_range_variant_matches_the_full_batch()
    {
        var set = BenchSample();
        var batch = new Sgp4Batch(set);
        var t = JulianDate.FromCalendar(2022, 8, 9, 13, 37, 12.5);
        var full = Buffers.Of(batch.Count);
        batch.PropagateAt(t, full.X, full.Y, full.Z, full.Vx, full.Vy, full.Vz, full.E);
        var part = Buffers.Of(batch.Count);
        const int start = 100, count = 200;
        batch.PropagateAt(t, start, count, part.X.AsSpan(start), part.Y.AsSpan(start), part.Z.AsSpan(start),
            part.Vx.AsSpan(start), part.Vy.AsSpan(start), part.Vz.AsSpan(start), part.E.AsSpan(start));
        Assert.Equal(full.X.AsSpan(start, count).ToArray(), part.X.AsSpan(start, count).ToArray());
        Assert.Equal(full.Vz.AsSpan(start, count).ToArray(), part.Vz.AsSpan(start, count).ToArray());
        Assert.Equal(full.E.AsSpan(start, count).ToArray(), part.E.AsSpan(start, count).ToArray());
    }

    [Fact]
    public void Single_thread_paths_allocate_nothing_per_sample()
    {
        var set = BenchSample();
        var batch = new Sgp4Batch(set);
        var scalar = new Sgp4Propagator(set[0]);
        var t0 = JulianDate.FromCalendar(2022, 8, 9);
        var times = Enumerable.Range(0, 20).Select(k => t0.AddDays(k / 24.0)).ToArray();
        var b = Buffers.Of(times.Length * batch.Count);

        void Run()
        {
            batch.Propagate(times, b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E, maxDegreeOfParallelism: 1);
            for (var k = 0; k < times.Length; k++)
            {
                batch.PropagateAt(times[k], 0, batch.Count, b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E);
                scalar.Propagate(times[k], out _, out _);
                scalar.Propagate(k * 10.0, out _, out _);
            }
        }

        Run(); // JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        var mid = GC.GetAllocatedBytesForCurrentThread();
        batch.Propagate(times, b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E, maxDegreeOfParallelism: 1);
        var a1 = GC.GetAllocatedBytesForCurrentThread();
        batch.PropagateAt(times[0], 0, batch.Count, b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E);
        var a2 = GC.GetAllocatedBytesForCurrentThread();
        scalar.Propagate(times[0], out _, out _);
        var a3 = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("0 0 0 0", $"{mid - before} {a1 - mid} {a2 - a1} {a3 - a2}");
    }

    [Fact]
    public void Short_buffers_are_rejected_before_any_work()
    {
        var batch = new Sgp4Batch(VerificationSet());
        var b = Buffers.Of(batch.Count - 1);
        Assert.Throws<ArgumentException>(() =>
            batch.PropagateAt(JulianDate.FromCalendar(2006, 1, 1), b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E));
    }
}
