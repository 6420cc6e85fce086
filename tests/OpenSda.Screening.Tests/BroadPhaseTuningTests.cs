using OpenSda.Time;

namespace OpenSda.Screening.Tests;

/// <summary>
/// The broad phase's tuning knobs (slices per interval, cell size) change the work, never the answer:
/// the swept-chord survivors, and hence the events, are the same for every setting.
/// </summary>
public sealed class BroadPhaseTuningTests
{
    [Fact]
    public void Slices_and_cell_sizes_give_identical_candidates_and_events()
    {
        var shell = Catalog20241101.Elements.Where(e => e.MeanMotionRevPerDay is > 15.0 and < 15.2 && e.Eccentricity < 0.003)
            .OrderBy(e => e.CatalogNumber).Take(1500).ToList();
        var baseOptions = new ScreeningOptions { StartUtc = JulianDate.FromCalendar(2024, 11, 1), Duration = TimeSpan.FromHours(4), ThresholdKm = 10, BoxSlices = 1, CellSizeFactor = 1 };
        var input = ConjunctionScreener.CreateInput(shell, baseOptions);
        var reference = ScreeningEngine.Run(input, baseOptions);
        Assert.True(reference.Events.Count > 0);
        foreach (var (slices, cell) in new[] { (2, 1.0), (3, 4.0), (8, 0.5), (0, 4.0), (1, 9.0) })
        {
            var r = ScreeningEngine.Run(input, baseOptions with { BoxSlices = slices, CellSizeFactor = cell });
            Assert.Equal(reference.Statistics.ChordCandidates, r.Statistics.ChordCandidates);
            Assert.Equal(reference.Events.Select(e => (e.Primary.CatalogNumber, e.Secondary.CatalogNumber, e.TcaSecondsFromStart, e.MissKm)),
                r.Events.Select(e => (e.Primary.CatalogNumber, e.Secondary.CatalogNumber, e.TcaSecondsFromStart, e.MissKm)));
            if (slices > 1) Assert.True(r.Statistics.BoxOverlaps < reference.Statistics.BoxOverlaps, "slices shrink the boxes");
        }
    }

    [Theory]
    [InlineData(-10.0, 1.0, 10.0, 1.0, 2.0, 4, 1)]   // range ≤ 2 first at x = −√3, s = 0.413: slice 1 of 4
    [InlineData(-1.0, 1.0, 10.0, 1.0, 2.0, 4, 0)]    // already within 2 at s = 0
    [InlineData(-30.0, 0.0, 10.0, 0.0, 2.0, 4, 2)]   // first at x = −2, s = 0.7: slice 2 of 4
    [InlineData(-30.0, 0.0, 10.0, 0.0, 2.0, 1, 0)]   // one slice: always slice 0
    public void First_slice_is_where_the_relative_chord_first_enters_the_sphere(double x0, double y0, double x1, double y1, double big, int m, int expected)
    {
        var dist = SweptChordBound.ChordDistance(x0, y0, 0, x1, y1, 0, out var sMin);
        Assert.True(dist <= big);
        Assert.Equal(expected, GridBroadPhase.FirstSlice(x0, y0, 0, x1, y1, 0, big, sMin, m));
    }
}
