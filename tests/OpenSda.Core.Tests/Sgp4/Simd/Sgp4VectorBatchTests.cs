using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Testing;
using OpenSda.Time;
using Xunit.Abstractions;

namespace OpenSda.Core.Tests.Sgp4.Simd;

/// <summary>
/// The vector batch propagator against the scalar reference (<see cref="Sgp4Propagator"/>), sample by sample:
/// same error code, position within 1e-6 km and velocity within 1e-9 km/s, NaN exactly where the scalar
/// path gives NaN. Run at every width, forced in-process (the emulated widths are correct, only slower).
/// </summary>
public class Sgp4VectorBatchTests(ITestOutputHelper output)
{
    private const double PositionToleranceKm = 1e-6;
    private const double VelocityToleranceKmS = 1e-9;
    private const double OutsideValidityKm = 1.5e6;

    public static TheoryData<Sgp4VectorWidth> Widths => new() { Sgp4VectorWidth.Vector512, Sgp4VectorWidth.Vector256, Sgp4VectorWidth.Scalar };

    private static IReadOnlyList<MeanElements> VerificationSet() =>
        TestTle.ReadFile(SharedData.Data("sgp4-verification", "SGP4-VER.TLE"));

    private static IReadOnlyList<MeanElements> BenchSample() =>
        TestTle.ReadFile(SharedData.Data("sgp4-bench", "bench_20000.tle")).Where((_, i) => i % 10 == 0).ToList();

    private sealed record Buffers(double[] X, double[] Y, double[] Z, double[] Vx, double[] Vy, double[] Vz, Sgp4Error[] E)
    {
        public static Buffers Of(int n) => new(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new Sgp4Error[n]);
    }

    /// <summary>
    /// Propagates with the vector batch and checks every sample against a fresh scalar propagator; returns the
    /// sample count, how many are bit-identical, the largest differences within 1.5 million km, the samples with
    /// codes 1–4 and the samples beyond it.
    /// </summary>
    private static (int Samples, int Identical, double MaxDrKm, double MaxDvKmS, int Errors, int Outside) CompareWithScalar(
        IReadOnlyList<MeanElements> set, JulianDate[] times, Sgp4VectorWidth width, int threads = 1)
    {
        var batch = new Sgp4VectorBatch(set, width: width);
        var n = batch.Count;
        var b = Buffers.Of(times.Length * n);
        batch.Propagate(times, b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E, threads);
        int identical = 0, errors = 0, outside = 0;
        double maxDr = 0, maxDv = 0;
        for (var i = 0; i < n; i++)
        {
            var sat = new Sgp4Propagator(set[i]);
            Assert.Equal(sat.InitError, batch.InitErrors[i]);
            for (var k = 0; k < times.Length; k++)
            {
                var e = sat.Propagate(times[k], out var r, out var v);
                var j = k * n + i;
                Assert.True(e == b.E[j], $"object {set[i].CatalogNumber} time {k}: code {b.E[j]}, scalar {e}");
                if (!e.HasState())
                {
                    errors++;
                    Assert.True(double.IsNaN(b.X[j]) && double.IsNaN(b.Vz[j]), $"object {set[i].CatalogNumber} time {k}: state not NaN on code {e}");
                    continue;
                }
                var dr = Math.Sqrt(Sq(r.X - b.X[j]) + Sq(r.Y - b.Y[j]) + Sq(r.Z - b.Z[j]));
                var dv = Math.Sqrt(Sq(v.X - b.Vx[j]) + Sq(v.Y - b.Vy[j]) + Sq(v.Z - b.Vz[j]));
                // Beyond the Earth's Hill sphere (1.5 million km) SGP4 is extrapolating far outside its validity (e.g. a decayed object a year
                // before its epoch gives 1e24 km); there the tolerance scales with the radius (1e-11 relative).
                var scale = Math.Max(1.0, Math.Sqrt(Sq(r.X) + Sq(r.Y) + Sq(r.Z)) / OutsideValidityKm);
                Assert.True(dr <= PositionToleranceKm * scale && dv <= VelocityToleranceKmS,
                    $"object {set[i].CatalogNumber} time {k}: |dr| = {dr:E3} km, |dv| = {dv:E3} km/s");
                if (scale > 1.0) { outside++; continue; }
                maxDr = Math.Max(maxDr, dr);
                maxDv = Math.Max(maxDv, dv);
                if (r.X.Equals(b.X[j]) && r.Y.Equals(b.Y[j]) && r.Z.Equals(b.Z[j]) && v.X.Equals(b.Vx[j]) && v.Y.Equals(b.Vy[j]) && v.Z.Equals(b.Vz[j]))
                    identical++;
            }
        }
        return (n * times.Length, identical, maxDr, maxDv, errors, outside);
    }

    private static double Sq(double x) => x * x;

    /// <summary>
    /// Every time of the reference run <c>tcppver.out</c> (each object's epoch plus its tsince values), plus the
    /// minutes around where 28872 decays and 33333 fails. The batch propagates all 33 objects to all of them,
    /// so each object is also taken far outside its own window (into its error cases).
    /// </summary>
    private static JulianDate[] VerificationTimes(IReadOnlyList<MeanElements> set)
    {
        var times = new List<JulianDate>();
        MeanElements? current = null;
        var block = 0;
        foreach (var line in File.ReadLines(SharedData.Data("sgp4-verification", "tcppver.out")))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && fields[1] == "xx") { current = set[block++]; continue; }
            if (current is null || fields.Length < 7) continue;
            var tsince = double.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
            times.Add(current.EpochUtc.AddDays(tsince / 1440.0));
        }
        Assert.Equal(33, block);
        var e28872 = set.First(e => e.CatalogNumber == 28872).EpochUtc;
        times.AddRange(Enumerable.Range(40, 30).Select(m => e28872.AddDays(m / 1440.0)));
        var e33333 = set.First(e => e.CatalogNumber == 33333).EpochUtc;
        times.AddRange(Enumerable.Range(0, 30).Select(m => e33333.AddDays(m / 1440.0)));
        return times.ToArray();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Vector_path_reproduces_the_scalar_path_on_all_33_verification_sets_errors_included(Sgp4VectorWidth width)
    {
        var set = VerificationSet();
        Assert.Equal(33, set.Count);
        var times = VerificationTimes(set);
        var (samples, identical, maxDr, maxDv, errors, outside) = CompareWithScalar(set, times, width);
        output.WriteLine($"{width}: {samples} samples, {errors} with codes 1-4, {outside} beyond 1.5e6 km, {identical} bit-identical, max |dr| {maxDr:E2} km, max |dv| {maxDv:E2} km/s (within 1.5e6 km)");
        Assert.True(errors > 0, "the time grid should reach the error cases");
    }

    /// <summary>
    /// Each deep-space object of the verification set eight times in a row, so that groups of eight lanes hold
    /// deep-space objects only and the non-resonant ones take the fast deep-space kernel: Lyddane's branch
    /// (23177, 23599, 04632 at the 0.2 rad edge), high eccentricities (23333, 20413) and the error cases
    /// (33333, 33334) at every time of the reference run.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Vector_path_reproduces_the_scalar_path_on_deep_space_verification_objects_in_full_groups(Sgp4VectorWidth width)
    {
        var all = VerificationSet();
        var times = VerificationTimes(all);
        var deep = new Sgp4VectorBatch(all);
        var set = all.Where((_, i) => deep.IsDeepSpace(i)).SelectMany(e => Enumerable.Repeat(e, 8)).ToList();
        Assert.True(set.Count >= 8 * 20);
        var (samples, identical, maxDr, maxDv, errors, outside) = CompareWithScalar(set, times, width);
        output.WriteLine($"{width}: {samples} samples, {errors} with codes 1-4, {outside} beyond 1.5e6 km, {identical} bit-identical, max |dr| {maxDr:E2} km, max |dv| {maxDv:E2} km/s (within 1.5e6 km)");
        Assert.True(errors > 0, "the time grid should reach the error cases");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Vector_path_reproduces_the_scalar_path_on_a_catalogue_sample_in_parallel(Sgp4VectorWidth width)
    {
        var set = BenchSample();
        var t0 = JulianDate.FromCalendar(2022, 8, 9);
        var times = Enumerable.Range(0, 12).Select(k => t0.AddDays(k * 0.31)).ToArray();
        var (samples, identical, maxDr, maxDv, _, _) = CompareWithScalar(set, times, width, threads: -1);
        output.WriteLine($"{width}: {samples} samples, {identical} bit-identical, max |dr| {maxDr:E2} km, max |dv| {maxDv:E2} km/s");
    }

    [Fact]
    public void Vector_path_reproduces_the_scalar_path_on_the_full_catalogue_at_24_times_over_a_week()
    {
        var set = TestTle.ReadFile(SharedData.Data("celestrak_on_orbit_20241101.csv"));
        Assert.True(set.Count > 26_000);
        var t0 = JulianDate.FromCalendar(2024, 11, 1);
        var times = Enumerable.Range(0, 24).Select(k => t0.AddDays(k * 7.0 / 23.0)).ToArray();
        var (samples, identical, maxDr, maxDv, errors, outside) = CompareWithScalar(set, times, Sgp4VectorWidth.Auto, threads: -1);
        Assert.Equal(0, outside);
        output.WriteLine($"{Sgp4VectorBatch.BestWidth}: {samples} samples, {errors} with codes 1-4, {identical} bit-identical, max |dr| {maxDr:E2} km, max |dv| {maxDv:E2} km/s");
    }

    [Fact]
    public void Auto_width_follows_the_runtime_hardware_switches()
    {
        // DOTNET_EnableAVX512=0 (or DOTNET_PreferredVectorBitWidth=256) makes Vector512 unaccelerated, DOTNET_EnableAVX2=0 Vector256: Auto follows.
        var expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? Sgp4VectorWidth.Vector512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? Sgp4VectorWidth.Vector256 : Sgp4VectorWidth.Scalar;
        Assert.Equal(expected, Sgp4VectorBatch.BestWidth);
        Assert.Equal(expected, new Sgp4VectorBatch(VerificationSet()).Width);
        Assert.Equal(Sgp4VectorWidth.Vector256, new Sgp4VectorBatch(VerificationSet(), width: Sgp4VectorWidth.Vector256).Width);
    }

    [Fact]
    public void Single_precision_positions_are_the_double_positions_rounded()
    {
        var set = BenchSample();
        var batch = new Sgp4VectorBatch(set);
        var t0 = JulianDate.FromCalendar(2022, 8, 9, 6, 0, 0);
        var times = new[] { t0, t0.AddDays(0.5) };
        var n = times.Length * batch.Count;
        var b = Buffers.Of(n);
        batch.Propagate(times, b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E, 1);
        float[] fx = new float[n], fy = new float[n], fz = new float[n];
        var fe = new Sgp4Error[n];
        batch.PropagatePositions(times, fx, fy, fz, fe, 1);
        Assert.Equal(b.E, fe);
        for (var j = 0; j < n; j++)
            Assert.True(fx[j].Equals((float)b.X[j]) && fy[j].Equals((float)b.Y[j]) && fz[j].Equals((float)b.Z[j]), $"sample {j}");
    }

    [Fact]
    public void Results_do_not_depend_on_the_order_of_calls_for_resonant_objects()
    {
        var set = BenchSample();
        var batch = new Sgp4VectorBatch(set);
        var t0 = JulianDate.FromCalendar(2022, 8, 9);
        var late = new[] { t0.AddDays(9.7) };
        var early = new[] { t0.AddDays(-3.2) };
        var first = Buffers.Of(batch.Count);
        batch.Propagate(late, first.X, first.Y, first.Z, first.Vx, first.Vy, first.Vz, first.E, 1);
        var other = Buffers.Of(batch.Count);
        batch.Propagate(early, other.X, other.Y, other.Z, other.Vx, other.Vy, other.Vz, other.E, 1);
        var again = Buffers.Of(batch.Count);
        batch.Propagate(late, again.X, again.Y, again.Z, again.Vx, again.Vy, again.Vz, again.E, 1);
        Assert.Equal(first.X, again.X);
        Assert.Equal(first.Vz, again.Vz);
    }

    /// <summary>
    /// A day swept minute by minute (the resonance integrator's state carried from call to call, stepped every 720
    /// minutes) ends on the very values a fresh batch gives for the last minute alone (state stepped from epoch).
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void A_sweep_ends_on_the_values_of_a_single_call_for_resonant_objects(Sgp4VectorWidth width)
    {
        var set = BenchSample();
        var t0 = JulianDate.FromCalendar(2022, 8, 9);
        var times = Enumerable.Range(0, 1441).Select(k => t0.AddDays(k / 1440.0)).ToArray();
        var n = set.Count;
        var sweep = new Sgp4VectorBatch(set, width: width);
        var all = Buffers.Of(times.Length * n);
        for (var k = 0; k < times.Length; k += 100)
        {
            var m = Math.Min(100, times.Length - k);
            var b = Buffers.Of(m * n);
            sweep.Propagate(times.AsSpan(k, m), b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E, 1);
            b.X.CopyTo(all.X, k * n);
            b.Vz.CopyTo(all.Vz, k * n);
        }
        var single = new Sgp4VectorBatch(set, width: width);
        var last = Buffers.Of(n);
        single.Propagate(times.AsSpan(1440, 1), last.X, last.Y, last.Z, last.Vx, last.Vy, last.Vz, last.E, 1);
        Assert.Equal(last.X, all.X.AsSpan(1440 * n, n).ToArray());
        Assert.Equal(last.Vz, all.Vz.AsSpan(1440 * n, n).ToArray());
    }

    [Fact]
    public void Single_thread_path_allocates_nothing()
    {
        var batch = new Sgp4VectorBatch(BenchSample());
        var t0 = JulianDate.FromCalendar(2022, 8, 9);
        var times = Enumerable.Range(0, 20).Select(k => t0.AddDays(k / 24.0)).ToArray();
        var b = Buffers.Of(times.Length * batch.Count);
        var f = new float[times.Length * batch.Count];
        batch.Propagate(times, b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E, 1);
        batch.PropagatePositions(times, f, f, f, b.E, 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        batch.Propagate(times, b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E, 1);
        batch.PropagatePositions(times, f, f, f, b.E, 1);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Short_buffers_are_rejected_before_any_work()
    {
        var batch = new Sgp4VectorBatch(VerificationSet());
        var b = Buffers.Of(batch.Count - 1);
        Assert.Throws<ArgumentException>(() =>
            batch.PropagateAt(JulianDate.FromCalendar(2006, 1, 1), b.X, b.Y, b.Z, b.Vx, b.Vy, b.Vz, b.E));
    }
}
