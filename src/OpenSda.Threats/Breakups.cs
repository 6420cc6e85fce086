using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.Threats;

/// <summary>Options of breakup detection.</summary>
public sealed record BreakupOptions
{
    /// <summary>New catalog entries of one launch needed to call a burst.</summary>
    public int MinimumFragments { get; init; } = 5;

    /// <summary>How far back (days) before the first catalog's newest epoch the trace-back searches for the event.</summary>
    public double SearchDaysBefore { get; init; } = 30;

    /// <summary>Fragments used in the trace-back (evenly chosen when there are more).</summary>
    public int TraceBackFragments { get; init; } = 40;
}

/// <summary>
/// A fragmentation event: the launch (international designator without the piece letters), the likely parent, the new
/// fragments, and — from the trace-back — the time when the fragments were closest to the parent (median distance
/// <see cref="DispersionKm"/>) and the parent's position then.
/// </summary>
public sealed record BreakupEvent(
    string Launch, int? ParentCatalogNumber, string? ParentName, IReadOnlyList<int> NewFragments,
    Instant? EstimatedTime, GeodeticPoint? Location, double DispersionKm);

/// <summary>
/// Breakup detection from two catalogs: a burst of new entries that share the international designator of a launch
/// already catalogued (so they are not a new launch), traced back with SGP4 to the time when they were closest to their
/// parent (the object of that launch whose orbit is nearest the fragments' median inclination, RAAN and semi-major axis).
/// A fragmentation puts every fragment at the parent's position at one instant, so the median fragment–parent distance
/// has its minimum at the event (Johnson et al. 2008, "History of on-orbit satellite fragmentations", NASA JSC, §2, for the
/// practice of tracing fragment orbits back to a common point). Back-propagation error grows with the time since the
/// event (drag on fragments of unknown area-to-mass), so old events are dated only roughly.
/// </summary>
public static class BreakupDetector
{
    /// <summary>Finds bursts of new entries in <paramref name="after"/> relative to <paramref name="before"/>.</summary>
    public static IReadOnlyList<BreakupEvent> FromCatalogs(IReadOnlyList<MeanElements> before, IReadOnlyList<MeanElements> after,
                                                           TimeScales scales, BreakupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(scales);
        options ??= new BreakupOptions();
        var known = before.Select(e => e.CatalogNumber).ToHashSet();
        var beforeByLaunch = before.Where(e => Launch(e) is not null).ToLookup(e => Launch(e)!);
        var newest = before.Max(e => e.EpochUtc.Value);
        var events = new List<BreakupEvent>();
        foreach (var g in after.Where(e => !known.Contains(e.CatalogNumber) && Launch(e) is not null).GroupBy(e => Launch(e)!))
        {
            if (g.Count() < options.MinimumFragments || !beforeByLaunch.Contains(g.Key)) continue;
            var fragments = g.ToList();
            var parents = beforeByLaunch[g.Key].ToList();
            var parent = ChooseParent(parents, fragments);
            var from = Instant.FromJulianDate(new JulianDate(newest, 0), scales.Utc).AddSeconds(-options.SearchDaysBefore * 86_400);
            var to = Instant.FromJulianDate(new JulianDate(fragments.Min(f => f.EpochUtc.Value), 0), scales.Utc);
            var (time, dispersion) = TraceBack(parent, fragments, from, to, scales, options.TraceBackFragments);
            GeodeticPoint? where = null;
            if (time is { } t && new Sgp4Propagator(parent).Propagate(t.ToJulianDate(scales.Utc), out var r, out _) == Sgp4Error.None)
            {
                var frames = new FrameTree(scales);
                where = Wgs84.FromEcef(frames.TransformPosition(r, frames.Teme, frames.Itrf, t));
            }
            events.Add(new BreakupEvent(g.Key, parent.CatalogNumber, parent.Name, fragments.Select(f => f.CatalogNumber).Order().ToList(),
                                        time, where, dispersion));
        }
        return events.OrderByDescending(e => e.NewFragments.Count).ToList();
    }

    /// <summary>The launch part (<c>2024-140</c>) of an international designator (<c>2024-140AB</c>), or null.</summary>
    public static string? Launch(MeanElements e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var d = e.InternationalDesignator;
        if (d is null || d.Length < 8 || d[4] != '-') return null;
        return d[..8];
    }

    private static MeanElements ChooseParent(List<MeanElements> candidates, List<MeanElements> fragments)
    {
        static double Median(IEnumerable<double> xs) { var a = xs.Order().ToArray(); return a[a.Length / 2]; }
        var i = Median(fragments.Select(f => f.InclinationDeg));
        var raan = Median(fragments.Select(f => f.RaanDeg));
        var sma = Median(fragments.Select(f => OrbitGeometry.SemiMajorAxisKm(f.MeanMotionRevPerDay)));
        return candidates.MinBy(c => Math.Abs(c.InclinationDeg - i) + Math.Abs(Math.IEEERemainder(c.RaanDeg - raan, 360)) / 10
                                     + Math.Abs(OrbitGeometry.SemiMajorAxisKm(c.MeanMotionRevPerDay) - sma) / 100)!;
    }

    /// <summary>
    /// The time in [from, to] when the median distance between the fragments and the parent is smallest (scan at
    /// (to − from)/2000, at least 30 s, then golden-section search), and that distance (km).
    /// </summary>
    public static (Instant? Time, double DispersionKm) TraceBack(MeanElements parent, IReadOnlyList<MeanElements> fragments,
                                                                 Instant from, Instant to, TimeScales scales, int maxFragments = 40)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(fragments);
        ArgumentNullException.ThrowIfNull(scales);
        var p = new Sgp4Propagator(parent);
        var chosen = fragments.Count <= maxFragments ? fragments
            : Enumerable.Range(0, maxFragments).Select(k => fragments[k * fragments.Count / maxFragments]).ToList();
        var props = chosen.Select(f => new Sgp4Propagator(f)).Where(f => f.InitError == Sgp4Error.None).ToList();
        if (props.Count == 0 || p.InitError != Sgp4Error.None || to <= from) return (null, double.NaN);
        var t0 = from.ToJulianDate(scales.Utc);
        var buffer = new double[props.Count];
        double Dispersion(double s)
        {
            var t = t0.AddDays(s / 86_400);
            if (p.Propagate(t, out var rp, out _) != Sgp4Error.None) return double.MaxValue;
            var m = 0;
            foreach (var f in props)
                if (f.Propagate(t, out var rf, out _) == Sgp4Error.None) buffer[m++] = (rf - rp).Norm;
            if (m == 0) return double.MaxValue;
            Array.Sort(buffer, 0, m);
            return buffer[m / 2];
        }
        var window = to.SecondsSince(from);
        var step = Math.Max(30, window / 2000);
        var bestS = 0.0;
        var best = double.MaxValue;
        for (var s = 0.0; s <= window; s += step)
        {
            var d = Dispersion(s);
            if (d < best) { best = d; bestS = s; }
        }
        double a = Math.Max(0, bestS - step), b = Math.Min(window, bestS + step);
        const double g = 0.6180339887498949;
        double c = b - g * (b - a), dd = a + g * (b - a), fc = Dispersion(c), fd = Dispersion(dd);
        while (b - a > 0.5)
        {
            if (fc <= fd) { b = dd; dd = c; fd = fc; c = b - g * (b - a); fc = Dispersion(c); }
            else { a = c; c = dd; fc = fd; dd = a + g * (b - a); fd = Dispersion(dd); }
        }
        var sBest = fc <= fd ? c : dd;
        return (from.AddSeconds(sBest), Math.Min(fc, fd));
    }
}

/// <summary>
/// Gabbard diagram: apogee and perigee altitude of each object against its orbital period, the standard picture of a
/// debris cloud (Gabbard 1981; Johnson et al. 2008, §2): fragments thrown forward rise in apogee and period, those
/// thrown backward fall in perigee and period, forming an "X" centred on the parent's orbit.
/// </summary>
public static class GabbardDiagram
{
    /// <summary>Period (min), apogee and perigee altitude (km) of each object.</summary>
    public static IReadOnlyList<(double PeriodMin, double ApogeeKm, double PerigeeKm)> Points(IEnumerable<MeanElements> objects) =>
        objects.Select(e => (OrbitGeometry.PeriodMinutes(e.MeanMotionRevPerDay), OrbitGeometry.ApogeeAltitudeKm(e), OrbitGeometry.PerigeeAltitudeKm(e))).ToList();

    /// <summary>Writes the diagram as a PNG (ScottPlot 5).</summary>
    public static void SavePng(IEnumerable<MeanElements> objects, string path, string title, MeanElements? parent = null, int width = 1000, int height = 700)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var pts = Points(objects);
        var plot = new ScottPlot.Plot();
        var x = pts.Select(p => p.PeriodMin).ToArray();
        var apo = plot.Add.ScatterPoints(x, pts.Select(p => p.ApogeeKm).ToArray());
        apo.LegendText = "apogee";
        var peri = plot.Add.ScatterPoints(x, pts.Select(p => p.PerigeeKm).ToArray());
        peri.LegendText = "perigee";
        if (parent is not null)
        {
            var pp = Points([parent])[0];
            var mark = plot.Add.ScatterPoints(new[] { pp.PeriodMin, pp.PeriodMin }, new[] { pp.ApogeeKm, pp.PerigeeKm });
            mark.LegendText = "parent";
            mark.MarkerSize = 12;
        }
        plot.Title(title);
        plot.XLabel("Orbital period (min)");
        plot.YLabel("Altitude (km)");
        plot.ShowLegend();
        plot.SavePng(path, width, height);
    }
}
