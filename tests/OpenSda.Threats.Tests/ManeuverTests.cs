using OpenSda.Orbits;
using Xunit.Abstractions;

namespace OpenSda.Threats.Tests;

public class ManeuverTests(ITestOutputHelper output)
{
    [Fact]
    public void The_iridium_cosmos_collision_is_flagged_for_both_objects_at_the_published_time()
    {
        // NASA Orbital Debris Quarterly News 13(2), April 2009: collision at 16:56 UTC on 10 February 2009, 790 km over
        // northern Siberia. No other event before it in either history.
        var report = ManeuverDetector.Analyze(Data.IridiumCosmosHistory, Data.Scales);
        foreach (var e in report.Events)
            output.WriteLine($"{e.CatalogNumber} {e.EstimatedTime.ToIsoString(Data.Scales.Utc, 0)} miss {e.EpochMissKm:F2} km dv R/T/N {e.DeltaVRadialMs:F2}/{e.DeltaVAlongTrackMs:F2}/{e.DeltaVCrossTrackMs:F2} m/s {e.Trigger} score {e.Score:F1}");
        var collision = Data.Utc("2009-02-10T16:56:00Z");
        foreach (var id in new[] { 22675, 24946 })
        {
            var first = report.Events.Where(e => e.CatalogNumber == id).OrderBy(e => e.Epoch).First();
            Assert.True(Math.Abs(first.EstimatedTime.SecondsSince(collision)) < 15 * 60,
                        $"{id}: {first.EstimatedTime.ToIsoString(Data.Scales.Utc, 0)}");
            Assert.True(first.Score > 10);
            Assert.InRange(first.DeltaVMs, 1, 100);
        }
        // Before the collision: no flag among the 2 × 6 comparisons.
        Assert.DoesNotContain(report.Comparisons, c => c.Flagged && c.Epoch < collision);
        Assert.Equal(report.Comparisons.Count(c => c.Flagged), report.Events.Count);
        output.WriteLine($"{report.Comparisons.Count} comparisons, {report.Events.Count} events");
    }

    [Fact]
    public void Mean_element_fit_reproduces_a_state_to_a_millimetre()
    {
        var iss = Data.Catalog20241101.Single(e => e.CatalogNumber == 25544);
        var p = new OpenSda.Orbits.Sgp4.Sgp4Propagator(iss);
        var t = iss.EpochUtc.AddDays(0.3);
        p.Propagate(t, out var r, out var v);
        var fit = MeanElementFit.FromState(r, v, t, iss);
        Assert.NotNull(fit);
        new OpenSda.Orbits.Sgp4.Sgp4Propagator(fit!).Propagate(0.0, out var r2, out var v2);
        Assert.True((r2 - r).Norm < 1e-6);
        Assert.True((v2 - v).Norm < 1e-9);
        // Close to the propagated set's own mean elements (same orbit, 0.3 d later).
        Assert.Equal(iss.InclinationDeg, fit!.InclinationDeg, 0.01);
        Assert.Equal(iss.MeanMotionRevPerDay, fit.MeanMotionRevPerDay, 0.01);
    }

    [Fact]
    public void Repeated_and_unusable_element_sets_are_skipped_with_a_warning_not_an_exception()
    {
        var iss = Data.Catalog20241101.Single(e => e.CatalogNumber == 25544);
        MeanElements[] sets = [iss, iss with { EpochUtc = iss.EpochUtc.AddDays(0.001) }, iss with { EpochUtc = iss.EpochUtc.AddDays(1), Eccentricity = 1.5 }];
        var report = ManeuverDetector.Analyze(sets, Data.Scales);
        Assert.Empty(report.Events);
        Assert.Single(report.Warnings);
    }
}
