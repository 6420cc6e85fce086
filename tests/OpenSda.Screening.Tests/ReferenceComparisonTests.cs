using OpenSda.Orbits;
using OpenSda.Screening.Validation;
using OpenSda.Time;
using Xunit.Abstractions;

namespace OpenSda.Screening.Tests;

/// <summary>
/// The engine against the slow reference screener on two 2,000-object subsets of the 2024-11-01
/// catalog, 24 h from 2024-11-01T00:00Z at 5 km: same events, miss within 1 m, TCA within 1 ms for
/// relative speed ≥ 0.1 km/s (within <see cref="EventComparison.SlowTcaToleranceS"/> below; the
/// figures reached are printed). Events whose miss is within 1 m of the threshold, or within 10 ms of
/// the window edges, may appear on one side only (counted as borderline).
/// </summary>
public sealed class ReferenceComparisonTests(ITestOutputHelper output)
{
    private static readonly ScreeningOptions Options = new()
    {
        StartUtc = JulianDate.FromCalendar(2024, 11, 1),
        Duration = TimeSpan.FromHours(24),
        ThresholdKm = 5,
    };

    private void Compare(IReadOnlyList<MeanElements> subset)
    {
        var input = ConjunctionScreener.CreateInput(subset, Options);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var result = ScreeningEngine.Run(input, Options);
        var tEngine = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var errored = new HashSet<int>();
        var reference = ReferenceScreener.Screen(input, Options.DurationSeconds, Options.ThresholdKm, errored: errored);
        var tRef = sw.Elapsed.TotalSeconds;
        output.WriteLine($"{subset.Count} objects: engine {tEngine:F1} s, reference {tRef:F1} s (wall, shared machine)");
        var r = EventComparison.AssertSame(input, result, reference, Options.ThresholdKm, Options.DurationSeconds, output);
        var engineErrored = result.Diagnostics.ErroredObjects.Select(e => e.Object.CatalogNumber).Order().ToArray();
        var refErrored = errored.Select(i => input.Objects[i].CatalogNumber).Order().ToArray();
        Assert.Equal(refErrored, engineErrored);
        Assert.True(r.Matched > 0);
    }

    [Fact]
    public void Dense_500_to_600_km_shell_of_2000_objects_matches_the_reference_over_24_h()
    {
        var shell = Catalog20241101.Elements
            .Select(e => (e, alt: Catalog20241101.Altitudes(e)))
            .Where(x => x.alt.Perigee >= 500 && x.alt.Apogee <= 600)
            .OrderBy(x => Math.Abs(0.5 * (x.alt.Perigee + x.alt.Apogee) - 550)).ThenBy(x => x.e.CatalogNumber)
            .Take(2000).Select(x => x.e).ToList();
        Assert.Equal(2000, shell.Count);
        Compare(shell);
    }

    [Fact]
    public void Mixed_2000_object_subset_with_GEO_HEO_and_GTO_matches_the_reference_over_24_h()
    {
        // Every 13th object by catalog number: all regimes, including deep space, decaying objects and co-located modules.
        var all = Catalog20241101.Elements.OrderBy(e => e.CatalogNumber).ToList();
        var subset = all.Where((_, i) => i % 13 == 0).ToList();
        // Add the ISS complex modules (identical element sets) and a few high-speed eccentric objects.
        subset.AddRange(all.Where(e => e.Name is { } n && (n.StartsWith("ISS", StringComparison.Ordinal) || n.StartsWith("CSS", StringComparison.Ordinal)) && !subset.Contains(e)));
        Assert.True(subset.Count >= 2000);
        Compare(subset);
    }
}

/// <summary>The two forms of the reference screener (x-sorted sweep, pair-by-pair Lipschitz scan) agree exactly.</summary>
public sealed class ReferenceCrossCheckTests(ITestOutputHelper output)
{
    [Fact]
    public void Sweep_and_pair_scan_references_find_the_same_events_in_a_dense_shell()
    {
        var shell = Catalog20241101.Elements
            .Select(e => (e, alt: Catalog20241101.Altitudes(e)))
            .Where(x => x.alt.Perigee >= 530 && x.alt.Apogee <= 570)
            .OrderBy(x => x.e.CatalogNumber).Where((_, i) => i % 7 == 0).Take(400).Select(x => x.e).ToList();
        var options = new ScreeningOptions { StartUtc = JulianDate.FromCalendar(2024, 11, 1), Duration = TimeSpan.FromHours(6), ThresholdKm = 30 };
        var input = ConjunctionScreener.CreateInput(shell, options);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var sweep = ReferenceScreener.Screen(input, options.DurationSeconds, options.ThresholdKm);
        var tSweep = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var scan = ReferenceScreener.ScreenByPairScan(input, options.DurationSeconds, options.ThresholdKm);
        output.WriteLine($"{shell.Count} objects: {sweep.Count} events; sweep {tSweep:F1} s, pair scan {sw.Elapsed.TotalSeconds:F1} s");
        Assert.True(sweep.Count >= 10, $"only {sweep.Count} events");
        Assert.Equal(scan, sweep);
    }
}
