using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.MultiDomain;

/// <summary>Options of an overflight search.</summary>
public sealed record OverflightOptions
{
    /// <summary>
    /// Sensor half-angle from nadir, degrees: the satellite sees a ground point when the point is within this angle of
    /// its nadir. Null: no sensor limit (only the elevation limit applies).
    /// </summary>
    public double? HalfAngleDeg { get; init; } = 30;

    /// <summary>Minimum elevation of the satellite seen from the ground point, degrees (0: the horizon).</summary>
    public double MinElevationDeg { get; init; }

    /// <summary>Sun elevation (degrees) at the area's centre above which the area counts as sunlit.</summary>
    public double SunlitSunElevationDeg { get; init; }

    /// <summary>Threads; −1 lets the thread pool decide.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}

/// <summary>
/// One pass during which a satellite can see into an area: entry, best view (closest approach of the sub-satellite
/// point to the area's centre) and exit. At the best view: the elevation, slant range and off-nadir angle towards the
/// nearest point of the area (the sub-satellite point itself when it is inside the area: elevation 90°, off-nadir 0°),
/// and whether the area's centre is sunlit then (Sun above <see cref="OverflightOptions.SunlitSunElevationDeg"/>).
/// </summary>
public sealed record Overflight(
    int CatalogNumber, string? Name, Instant Entry, Instant Best, Instant Exit,
    double ElevationDeg, double RangeKm, double OffNadirDeg, bool AreaSunlit, double SunElevationDeg,
    bool EntryClipped, bool ExitClipped)
{
    /// <summary>Duration of the pass.</summary>
    public TimeSpan Duration => Exit - Entry;
}

/// <summary>
/// Overflight warnings for an area of operations: every pass during which a satellite can see into the area.
/// </summary>
/// <remarks>
/// <para>Visibility model (spherical Earth of the area's geocentric radius R): a satellite at radius r sees ground
/// points within the central angle λ(r) of its sub-satellite point, the smaller of λ_ε = acos(R cos ε/r) − ε (elevation
/// at least ε) and λ_η = asin(r sin η/R) − η (within the sensor half-angle η of nadir; the horizon when r sin η ≥ R)
/// (Vallado 2013, §11.3, or Wertz, <i>Space Mission Analysis and Design</i>, §5.2). The satellite sees into the area
/// while d ≤ λ(r), d being the central angle from the sub-satellite point to the area (0 inside), so the margin
/// λ(r) − d is the function whose roots are the entry and exit.</para>
/// <para>Search: <see cref="VisibilitySearch"/> (strict ground-range bound, then sampling and root finding).</para>
/// </remarks>
public static class OverflightFinder
{
    private const double Deg = Math.PI / 180.0;

    /// <summary>Finds every overflight of every satellite over the area in [from, to].</summary>
    public static SearchResult<Overflight> Find(IReadOnlyList<MeanElements> satellites, AreaOfOperations area, Instant from, Instant to,
                                                TimeScales scales, OverflightOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(satellites);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(scales);
        options ??= new OverflightOptions();
        if (to < from) throw new ArgumentException("'to' is before 'from'");
        var rotation = new EarthRotation(from, scales);
        var batch = new Sgp4Batch(satellites);
        var model = new AreaModel(area, options.MinElevationDeg * Deg, options.HalfAngleDeg is { } ha ? ha * Deg : null);
        var centreGeo = Wgs84.FromEcef(area.GroundPointKm(area.CentroidUnit));
        var centreSite = new GroundSite(new GeodeticPoint(centreGeo.LatitudeDeg, centreGeo.LongitudeDeg, 0));
        var window = to.SecondsSince(from);
        var results = new List<Overflight>[satellites.Count];
        var failed = new bool[satellites.Count];
        long evaluations = 0;
        var centre = area.CentroidUnit;
        double Objective(Vec3 r) => -AreaOfOperations.Angle(r, centre);
        Parallel.For(0, satellites.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            () => (Raw: new List<RawPass>(), Evals: 0L),
            (i, _, local) =>
            {
                if (batch.InitErrors[i] != Sgp4Error.None) { failed[i] = true; return local; }
                var track = new Track(batch, i, rotation);
                local.Raw.Clear();
                var ev = local.Evals;
                VisibilitySearch.Run(track, OrbitBounds.Of(satellites[i]), model, window, Objective, local.Raw, ref ev);
                if (local.Raw.Count > 0)
                    results[i] = local.Raw.Select(p => Describe(track, satellites[i], area, centreSite, p, from, options)).ToList();
                return (local.Raw, ev + 2L * local.Raw.Count);
            },
            local => Interlocked.Add(ref evaluations, local.Evals));
        var items = results.Where(r => r is not null).SelectMany(r => r!)
                           .OrderBy(p => p.Entry).ThenBy(p => p.CatalogNumber).ToList();
        var failedIds = satellites.Where((_, i) => failed[i]).Select(s => s.CatalogNumber).ToList();
        return new SearchResult<Overflight>(items, failedIds, evaluations, satellites.Count);
    }

    private static Overflight Describe(Track track, MeanElements sat, AreaOfOperations area, GroundSite centreSite, RawPass p,
                                       Instant from, OverflightOptions options)
    {
        track.TryTeme(p.Best, out var teme);
        var r = track.Rotation.TemeToItrf(teme, p.Best);
        var nearest = area.NearestPointUnit(r.Unit);
        var geo = Wgs84.FromEcef(area.GroundPointKm(nearest));
        var ground = new GroundSite(new GeodeticPoint(geo.LatitudeDeg, geo.LongitudeDeg, 0));
        var look = ground.Look(r);
        var toGround = ground.PositionKm - r;
        var offNadir = AreaOfOperations.Angle(-r, toGround) / Deg;
        var sunTeme = Sun.PositionKm(track.Rotation.StartUtc.AddDays(p.Best / 86_400.0));
        var sunEl = centreSite.Look(track.Rotation.TemeToItrf(sunTeme, p.Best)).ElevationDeg;
        return new Overflight(sat.CatalogNumber, sat.Name, from.AddSeconds(p.Start), from.AddSeconds(p.Best), from.AddSeconds(p.End),
                              look.ElevationDeg, look.RangeKm, offNadir, sunEl > options.SunlitSunElevationDeg, sunEl,
                              p.StartClipped, p.EndClipped);
    }

    /// <summary>The central-angle visibility model of an area (see the class remarks).</summary>
    internal sealed class AreaModel(AreaOfOperations area, double minElevationRad, double? halfAngleRad) : IVisibilityModel
    {
        private readonly double _r = area.GroundRadiusKm;

        public Vec3 CentreUnit => area.CentroidUnit;

        public double MaxCentralAngleRad(double maxRadiusKm) => area.BoundingRadiusRad + VisibleCentralAngleRad(maxRadiusKm) + 0.002;

        public double VisibleCentralAngleRad(double radiusKm)
        {
            if (radiusKm <= _r) return 0;
            var x = _r * Math.Cos(minElevationRad) / radiusKm;
            var lambda = x >= 1 ? 0 : Math.Acos(x) - minElevationRad;
            if (halfAngleRad is { } eta)
            {
                var s = radiusKm * Math.Sin(eta) / _r;
                var lambdaEta = s >= 1 ? Math.Acos(_r / radiusKm) : Math.Asin(s) - eta;
                lambda = Math.Min(lambda, lambdaEta);
            }
            return Math.Max(lambda, 0);
        }

        public double Margin(Vec3 itrf)
        {
            var r = itrf.Norm;
            return VisibleCentralAngleRad(r) - area.AngularDistanceRad(itrf / r);
        }

        public double MarginRateBound(OrbitBounds orbit) => orbit.MaxAngularRateRadS * 1.5 + 1e-4;
    }
}

/// <summary>
/// Dark windows: the parts of a time window when none of the selected satellites can see the area — the complement
/// of the union of the overflight intervals.
/// </summary>
public static class DarkWindows
{
    /// <summary>Complement of the union of <paramref name="busy"/> within [from, to]; windows shorter than <paramref name="minimum"/> are dropped.</summary>
    public static IReadOnlyList<TimeWindow> Compute(IEnumerable<TimeWindow> busy, Instant from, Instant to, TimeSpan minimum = default)
    {
        ArgumentNullException.ThrowIfNull(busy);
        var result = new List<TimeWindow>();
        var cursor = from;
        foreach (var w in busy.Where(w => w.End > from && w.Start < to).OrderBy(w => w.Start))
        {
            if (w.Start > cursor && w.Start - cursor >= minimum)
                result.Add(new TimeWindow(cursor, w.Start));
            if (w.End > cursor) cursor = w.End;
        }
        if (to > cursor && to - cursor >= minimum) result.Add(new TimeWindow(cursor, to));
        return result;
    }

    /// <summary>Dark windows of a set of overflights.</summary>
    public static IReadOnlyList<TimeWindow> FromOverflights(IEnumerable<Overflight> overflights, Instant from, Instant to, TimeSpan minimum = default) =>
        Compute(overflights.Select(o => new TimeWindow(o.Entry, o.Exit)), from, to, minimum);
}
