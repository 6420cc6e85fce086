using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.MultiDomain;

/// <summary>Options of a pass search over a ground site.</summary>
public sealed record PassSearchOptions
{
    /// <summary>Minimum elevation of a pass, degrees above the local geodetic horizon.</summary>
    public double MinElevationDeg { get; init; } = 10;

    /// <summary>Sun elevation (degrees) below which the site counts as dark for optical visibility: −6° (civil twilight).</summary>
    public double DarkSunElevationDeg { get; init; } = -6;

    /// <summary>Step (seconds) of the optical-visibility check inside each pass.</summary>
    public double VisibilityStepS { get; init; } = 10;

    /// <summary>Threads; −1 lets the thread pool decide.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}

/// <summary>Time and look angles at one moment of a pass.</summary>
public sealed record PassPoint(Instant Time, double AzimuthDeg, double ElevationDeg, double RangeKm);

/// <summary>
/// One pass of a satellite over a site: rise (elevation crosses the minimum upward), culmination (highest elevation)
/// and set. <see cref="RiseClipped"/>/<see cref="SetClipped"/> say the pass was already in progress at the start of
/// the window or still in progress at its end (the point is then the window's edge). <see cref="Visible"/> is true
/// when, at some moment of the pass, the satellite is sunlit while the site is dark (an optical observer can see it);
/// <see cref="VisibleFrom"/>/<see cref="VisibleTo"/> bound that part (to the visibility step).
/// </summary>
public sealed record SatellitePass(
    int CatalogNumber, string? Name, PassPoint Rise, PassPoint Culmination, PassPoint Set,
    bool RiseClipped, bool SetClipped, bool Visible, Instant? VisibleFrom, Instant? VisibleTo)
{
    /// <summary>Duration above the minimum elevation.</summary>
    public TimeSpan Duration => Set.Time - Rise.Time;
}

/// <summary>Result of a search: the passes by rise time, objects SGP4 could not propagate, and the work done.</summary>
public sealed record SearchResult<T>(IReadOnlyList<T> Items, IReadOnlyList<int> FailedCatalogNumbers, long PropagationCount, int ObjectCount);

/// <summary>
/// Passes of satellites over a ground site: rise, culmination and set, with azimuth, elevation and range, and
/// optical visibility (sunlit satellite, dark site).
/// </summary>
/// <remarks>
/// The search is <see cref="VisibilitySearch"/>: a strict geometric bound on how fast the sub-satellite point can
/// approach the site lets it jump over the long stretches where a satellite is below the horizon; near the site
/// the elevation is sampled at a sixth of the shortest possible overhead pass (from the perigee height and the
/// minimum elevation: the visible central angle is λ = acos(R cos ε/r) − ε, Vallado 2013, §11.3), crossings are
/// solved by regula falsi (Illinois) to 1 ms and culminations by golden-section search. Elevation is geodetic
/// (WGS-84 normal), without refraction. Earth rotation: <see cref="EarthRotation"/>.
/// </remarks>
public static class PassFinder
{
    private const double Deg = Math.PI / 180.0;

    /// <summary>Finds every pass of every satellite over the site in [from, to].</summary>
    public static SearchResult<SatellitePass> Find(IReadOnlyList<MeanElements> satellites, GroundSite site, Instant from, Instant to,
                                                   TimeScales scales, PassSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(satellites);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(scales);
        options ??= new PassSearchOptions();
        if (to < from) throw new ArgumentException("'to' is before 'from'");
        var rotation = new EarthRotation(from, scales);
        var batch = new Sgp4Batch(satellites);
        var model = new SiteModel(site, options.MinElevationDeg * Deg);
        var window = to.SecondsSince(from);
        var results = new List<SatellitePass>[satellites.Count];
        var failed = new bool[satellites.Count];
        long evaluations = 0;
        Parallel.For(0, satellites.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            () => (Raw: new List<RawPass>(), Evals: 0L),
            (i, _, local) =>
            {
                if (batch.InitErrors[i] != Sgp4Error.None) { failed[i] = true; return local; }
                var track = new Track(batch, i, rotation);
                var orbit = OrbitBounds.Of(satellites[i]);
                local.Raw.Clear();
                var ev = local.Evals;
                VisibilitySearch.Run(track, orbit, model, window, null, local.Raw, ref ev);
                if (local.Raw.Count > 0)
                    results[i] = local.Raw.Select(p => Describe(track, satellites[i], site, p, from, options, ref ev)).ToList();
                return (local.Raw, ev);
            },
            local => Interlocked.Add(ref evaluations, local.Evals));
        var passes = results.Where(r => r is not null).SelectMany(r => r!)
                            .OrderBy(p => p.Rise.Time).ThenBy(p => p.CatalogNumber).ToList();
        var failedIds = satellites.Where((_, i) => failed[i]).Select(s => s.CatalogNumber).ToList();
        return new SearchResult<SatellitePass>(passes, failedIds, evaluations, satellites.Count);
    }

    private static SatellitePass Describe(Track track, MeanElements sat, GroundSite site, RawPass p, Instant from,
                                          PassSearchOptions options, ref long evaluations)
    {
        PassPoint Point(double s)
        {
            track.TryItrf(s, out var r);
            var look = site.Look(r);
            return new PassPoint(from.AddSeconds(s), look.AzimuthDeg, look.ElevationDeg, look.RangeKm);
        }
        evaluations += 3;
        Instant? visFrom = null, visTo = null;
        var step = options.VisibilityStepS;
        var count = Math.Max(1, (int)Math.Ceiling((p.End - p.Start) / step));
        for (var k = 0; k <= count; k++)
        {
            var s = p.Start + (p.End - p.Start) * k / count;
            evaluations++;
            if (!track.TryTeme(s, out var teme)) continue;
            var jd = track.Rotation.StartUtc.AddDays(s / 86_400.0);
            var sunTeme = Sun.PositionKm(jd);
            if (!Sun.IsSunlit(teme, sunTeme)) continue;
            var sunEl = site.Look(track.Rotation.TemeToItrf(sunTeme, s)).ElevationDeg;
            if (sunEl >= options.DarkSunElevationDeg) continue;
            visFrom ??= from.AddSeconds(s);
            visTo = from.AddSeconds(s);
        }
        return new SatellitePass(sat.CatalogNumber, sat.Name, Point(p.Start), Point(p.Best), Point(p.End),
                                 p.StartClipped, p.EndClipped, visFrom is not null, visFrom, visTo);
    }

    /// <summary>Elevation above a minimum, for a site.</summary>
    private sealed class SiteModel(GroundSite site, double minElevationRad) : IVisibilityModel
    {
        private readonly double _siteRadius = site.PositionKm.Norm;

        public Vec3 CentreUnit { get; } = site.PositionKm.Unit;

        // Geodetic and geocentric verticals differ by up to 0.19°: bound with 0.25° of slack.
        public double MaxCentralAngleRad(double maxRadiusKm) => CentralAngle(maxRadiusKm, minElevationRad - 0.25 * Deg);

        public double VisibleCentralAngleRad(double radiusKm) => CentralAngle(radiusKm, minElevationRad);

        private double CentralAngle(double r, double el)
        {
            var x = _siteRadius * Math.Cos(el) / r;
            return x >= 1 ? 0 : Math.Acos(x) - el;
        }

        public double Margin(Vec3 itrf) => site.ElevationRad(itrf) - minElevationRad;

        public double MarginRateBound(OrbitBounds orbit) =>
            (orbit.MaxSpeedKmS + 0.5) / Math.Max(orbit.PerigeeRadiusKm - _siteRadius, 20.0);
    }
}
