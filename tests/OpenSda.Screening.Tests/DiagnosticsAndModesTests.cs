using OpenSda.Orbits;
using OpenSda.Screening.Validation;
using OpenSda.Time;
using Xunit.Abstractions;

namespace OpenSda.Screening.Tests;

/// <summary>Co-located pairs, errored objects, window edges, one-against-all mode, and the bounds.</summary>
public sealed class DiagnosticsAndModesTests(ITestOutputHelper output)
{
    private const double Deg = Math.PI / 180;
    private static readonly JulianDate Start = JulianDate.FromCalendar(2024, 11, 1);

    [Fact]
    public void Objects_with_identical_element_sets_are_co_located_not_events()
    {
        // Docked modules publish the same elements: find such groups in the catalog.
        var groups = Catalog20241101.Elements
            .GroupBy(e => (e.EpochUtc, e.MeanMotionRevPerDay, e.Eccentricity, e.InclinationDeg, e.RaanDeg, e.ArgPerigeeDeg, e.MeanAnomalyDeg, e.BStar))
            .Where(g => g.Count() > 1).ToList();
        var twins = groups.SelectMany(g => g).ToList();
        foreach (var g in groups.Take(5)) output.WriteLine(string.Join(", ", g.Select(t => $"{t.CatalogNumber} {t.Name}")));
        Assert.NotEmpty(groups);
        var result = ConjunctionScreener.Screen(twins, new ScreeningOptions { StartUtc = Start, Duration = TimeSpan.FromHours(3) });
        var expectedPairs = groups.Sum(g => g.Count() * (g.Count() - 1) / 2);
        Assert.Equal(expectedPairs, result.Diagnostics.CoLocatedPairs.Count);
        Assert.DoesNotContain(result.Events, e => e.MissKm < 1e-9);
    }

    [Fact]
    public void An_object_that_decays_inside_the_window_is_left_out_and_reported()
    {
        // A very low, high-drag object: SGP4 reports an error before the window ends.
        var decaying = new MeanElements
        {
            CatalogNumber = 90001, Name = "DECAYING", EpochUtc = Start, MeanMotionRevPerDay = 16.4, Eccentricity = 0.001,
            InclinationDeg = 51.6, RaanDeg = 0, ArgPerigeeDeg = 0, MeanAnomalyDeg = 0, BStar = 0.5,
        };
        var leo = Catalog20241101.Elements.Where(e => e.MeanMotionRevPerDay > 15.5).Take(200).ToList();
        var result = ConjunctionScreener.Screen([.. leo, decaying], new ScreeningOptions { StartUtc = Start, Duration = TimeSpan.FromDays(2) });
        var err = Assert.Single(result.Diagnostics.ErroredObjects, e => e.Object.CatalogNumber == 90001);
        output.WriteLine($"error {err.ErrorCode} at {err.SecondsFromStart} s");
        Assert.DoesNotContain(result.Events, e => e.Primary.CatalogNumber == 90001 || e.Secondary.CatalogNumber == 90001);
    }

    [Fact]
    public void Minima_at_the_window_edges_are_not_events()
    {
        // Head-on meeting exactly at the window start and another just after the end: no events there.
        double n(double a) => Math.Sqrt(OrbitBounds.MuKm3S2 / (a * a * a));
        var a1 = 7000.0; var a2 = 7001.0;
        var period = 2 * Math.PI / (n(a1) + n(a2));
        var o1 = new KeplerOrbit(a1, 0, 45 * Deg, 0, 0, 0);
        var o2 = new KeplerOrbit(a2, 0, 135 * Deg, Math.PI, 0, Math.PI); // meet at t = 0
        var input = KeplerPropagator.Input(o1, o2);
        // Window ending exactly at the third meeting: the meetings at 0 and at the end are edge minima.
        var options = new ScreeningOptions { StartUtc = Start, Duration = TimeSpan.FromTicks((long)Math.Round(2 * period * TimeSpan.TicksPerSecond)), ThresholdKm = 5 };
        var result = ScreeningEngine.Run(input, options);
        var e = Assert.Single(result.Events);
        Assert.InRange(e.TcaSecondsFromStart, period - 1e-4, period + 1e-4);
        // A window 0.5 s longer holds the third meeting strictly inside: an event.
        Assert.Equal(2, ScreeningEngine.Run(input, options with { Duration = TimeSpan.FromSeconds(2 * period + 0.5) }).Events.Count);
        // A window 0.5 s shorter ends while the range is still falling: no event there either.
        Assert.Single(ScreeningEngine.Run(input, options with { Duration = TimeSpan.FromSeconds(2 * period - 0.5) }).Events);
    }

    [Fact]
    public void One_against_all_finds_exactly_the_all_vs_all_events_that_involve_the_primaries()
    {
        var shell = Catalog20241101.Elements.Where(e => e.MeanMotionRevPerDay is > 15.05 and < 15.1 && e.Eccentricity < 0.002)
            .OrderBy(e => e.CatalogNumber).Take(1500).ToList();
        var options = new ScreeningOptions { StartUtc = Start, Duration = TimeSpan.FromHours(6), ThresholdKm = 5 };
        var all = ConjunctionScreener.Screen(shell, options);
        var primaries = all.Events.Take(3).Select(e => e.Primary.CatalogNumber).Append(shell[0].CatalogNumber).Append(99999999).ToHashSet();
        var one = ConjunctionScreener.Screen(shell, options with { Primaries = primaries });
        var expected = all.Events.Where(e => primaries.Contains(e.Primary.CatalogNumber) || primaries.Contains(e.Secondary.CatalogNumber))
            .Select(e => (Math.Min(e.Primary.CatalogNumber, e.Secondary.CatalogNumber), Math.Max(e.Primary.CatalogNumber, e.Secondary.CatalogNumber), Math.Round(e.TcaSecondsFromStart, 2))).Order().ToList();
        var got = one.Events.Select(e => (Math.Min(e.Primary.CatalogNumber, e.Secondary.CatalogNumber), Math.Max(e.Primary.CatalogNumber, e.Secondary.CatalogNumber), Math.Round(e.TcaSecondsFromStart, 2))).Order().ToList();
        Assert.Equal(expected, got);
        Assert.All(one.Events, e => Assert.Contains(e.Primary.CatalogNumber, primaries));
        Assert.Equal([99999999], one.Diagnostics.UnknownPrimaries);
        Assert.True(one.Statistics.PairsConsidered < all.Statistics.PairsConsidered);
    }

    [Fact]
    public void Chord_distance_is_the_distance_from_the_origin_to_the_segment()
    {
        Assert.Equal(1.0, SweptChordBound.ChordDistance(-5, 1, 0, 5, 1, 0, out var s), 12);
        Assert.Equal(0.5, s, 12);
        Assert.Equal(Math.Sqrt(2), SweptChordBound.ChordDistance(1, 1, 0, 3, 1, 0, out s), 12);
        Assert.Equal(0.0, s);
    }

    [Fact]
    public void Deviation_bound_for_LEO_at_60_s_is_a_few_km_and_grows_with_the_square_of_the_step()
    {
        var e60 = SweptChordBound.Deviation(6900, 60, 0, out var rLow);
        var e120 = SweptChordBound.Deviation(6900, 120, 0, out _);
        Assert.InRange(e60, 3.5, 4.5);          // (1.05 μ/r² + 1e-5)·3600/8 ≈ 3.95 km
        Assert.InRange(e120 / e60, 4.0, 4.1); // slightly over 4: r_low shrinks as e grows
        Assert.True(rLow < 6900 - e60 + 1e-6);
    }

    /// <summary>
    /// The premise of the leak-proof argument, checked on real SGP4: for every object of a 1-in-10 sample
    /// of the catalog (LEO, MEO, GEO, HEO, GTO), the second difference of positions over 24 h at 20 s
    /// never exceeds the acceleration bound A = 1.05·μ/r_low² + 10⁻⁵ km/s² computed from the sampled
    /// radii; and the radii stay inside the apogee/perigee filter band.
    /// </summary>
    [Fact]
    public void SGP4_second_differences_stay_below_the_acceleration_bound_for_a_catalog_sample()
    {
        var sample = Catalog20241101.Elements.Where((_, i) => i % 10 == 0).ToList();
        var options = new ScreeningOptions { StartUtc = Start, Duration = TimeSpan.FromHours(24) };
        var input = ConjunctionScreener.CreateInput(sample, options);
        var prop = input.Propagator;
        var n = prop.Count;
        const double h = 20; const int steps = 4320;
        var objs = Enumerable.Range(0, n).Where(i => input.InitialErrors![i] == 0).ToArray();
        var worst = 0.0; var worstBand = double.NegativeInfinity; var checkedObjects = 0;
        var chunk = 240;
        var x = new double[(chunk + 2) * n]; var y = new double[(chunk + 2) * n]; var z = new double[(chunk + 2) * n]; var err = new int[(chunk + 2) * n];
        var bad = new HashSet<int>();
        for (var k0 = 0; k0 < steps; k0 += chunk)
        {
            var times = Enumerable.Range(0, chunk + 2).Select(j => (k0 + j) * h).ToArray();
            prop.PropagateSamples(times, objs, x, y, z, err, -1);
            foreach (var i in objs)
            {
                for (var j = 1; j <= chunk; j++)
                {
                    int a = (j - 1) * n + i, b = j * n + i, c = (j + 1) * n + i;
                    if (err[a] != 0 || err[b] != 0 || err[c] != 0) { bad.Add(i); break; }
                    var ddx = x[a] - 2 * x[b] + x[c]; var ddy = y[a] - 2 * y[b] + y[c]; var ddz = z[a] - 2 * z[b] + z[c];
                    var acc = Math.Sqrt(ddx * ddx + ddy * ddy + ddz * ddz) / (h * h);
                    var r = Math.Min(Math.Sqrt(x[a] * x[a] + y[a] * y[a] + z[a] * z[a]), Math.Sqrt(x[c] * x[c] + y[c] * y[c] + z[c] * z[c]));
                    var rLow = r - 8.0; // chord sagitta over 40 s stays below 8 km for any bound orbit above 6,400 km
                    var ratio = acc / SweptChordBound.AccelerationBound(rLow);
                    if (ratio > worst) worst = ratio;
                    var rb = Math.Sqrt(x[b] * x[b] + y[b] * y[b] + z[b] * z[b]);
                    var band = input.Bounds[i];
                    worstBand = Math.Max(worstBand, Math.Max(band.LowKm - rb, rb - band.HighKm));
                }
            }
        }
        checkedObjects = objs.Length - bad.Count;
        output.WriteLine($"{checkedObjects} objects: max second difference / bound = {worst:F4}; worst band excess {worstBand:F1} km (negative = inside)");
        Assert.True(worst < 1.0, $"acceleration bound exceeded: ratio {worst}");
        Assert.True(worstBand < 0, $"orbit filter band exceeded by {worstBand} km");
    }
}
