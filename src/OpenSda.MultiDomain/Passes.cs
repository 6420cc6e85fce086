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
/// (WGS-84 normal), without refraction. Earth rotation: <see cref="EarthRotation"/>. Optical visibility is decided on
/// a grid of <see cref="PassSearchOptions.VisibilityStepS"/> inside each pass, with the site's twilight from a table
/// and the satellite's shadow exits found by bisection (see <c>OpticalVisibility</c>).
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
        var sunTable = new SiteSunTable(site, rotation, window);
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
                    results[i] = local.Raw.Select(p => Describe(track, satellites[i], site, p, from, options, sunTable, ref ev)).ToList();
                return (local.Raw, ev);
            },
            local => Interlocked.Add(ref evaluations, local.Evals));
        var passes = results.Where(r => r is not null).SelectMany(r => r!)
                            .OrderBy(p => p.Rise.Time).ThenBy(p => p.CatalogNumber).ToList();
        var failedIds = satellites.Where((_, i) => failed[i]).Select(s => s.CatalogNumber).ToList();
        return new SearchResult<SatellitePass>(passes, failedIds, evaluations, satellites.Count);
    }

    private static SatellitePass Describe(Track track, MeanElements sat, GroundSite site, RawPass p, Instant from,
                                          PassSearchOptions options, SiteSunTable sunTable, ref long evaluations)
    {
        PassPoint Point(double s)
        {
            track.TryItrf(s, out var r);
            var look = site.Look(r);
            return new PassPoint(from.AddSeconds(s), look.AzimuthDeg, look.ElevationDeg, look.RangeKm);
        }
        evaluations += 3;
        var (visFrom, visTo) = OpticalVisibility(track, p.Start, p.End, options, sunTable, ref evaluations);
        return new SatellitePass(sat.CatalogNumber, sat.Name, Point(p.Start), Point(p.Best), Point(p.End),
                                 p.StartClipped, p.EndClipped, visFrom is not null,
                                 visFrom is { } f ? from.AddSeconds(f) : null, visTo is { } t ? from.AddSeconds(t) : null);
    }

    /// <summary>Longest stretch (s) scanned between two sunlit tests; see <see cref="OpticalVisibility"/>.</summary>
    internal const double SunlitScanStrideS = 300;

    /// <summary>
    /// First and last instants of the grid t_k = a + (b − a)·k/K, K = ⌈(b − a)/step⌉ (step
    /// <see cref="PassSearchOptions.VisibilityStepS"/>), at which the site is dark and the satellite sunlit; null when none.
    /// </summary>
    /// <remarks>
    /// <para>Site darkness comes from <see cref="SiteSunTable"/> (no propagation); only the dark stretches of the pass are
    /// examined. In the cylindrical shadow model of <see cref="Sun.IsSunlit"/> the whole day-side half-space is sunlit, and
    /// a plane through the Earth's centre cuts every orbit into two arcs of 180° of true anomaly, so a sunlit arc lasts at
    /// least as long as a parabolic swing from −90° to +90° true anomaly at the lowest perigee,
    /// 2·√(2r_p³/μ)·(1 + 1/3) ≥ 50 min for r_p ≥ 6 400 km (Vallado 2013, Eq. 2-27, Barker's equation).
    /// Sampling the shadow every <see cref="SunlitScanStrideS"/> seconds or closer therefore cannot step over a sunlit
    /// arc, and between a shadowed sample and a sunlit one there is exactly one shadow exit (or entry); bisection over
    /// the grid indices finds it. The result is the same grid point as a test at every grid point, with a handful of
    /// propagations instead of one per step.</para>
    /// </remarks>
    internal static (double? From, double? To) OpticalVisibility(Track track, double a, double b, PassSearchOptions options,
                                                                 SiteSunTable sunTable, ref long evaluations)
    {
        var count = Math.Max(1, (int)Math.Ceiling((b - a) / options.VisibilityStepS));
        double T(int k) => a + (b - a) * k / count;
        var stride = Math.Max(1, (int)Math.Floor(SunlitScanStrideS / ((b - a) / count)));
        long evals = 0;
        var cache = new Dictionary<int, bool>();
        bool Sunlit(int k)
        {
            if (cache.TryGetValue(k, out var known)) return known;
            evals++;
            var s = T(k);
            var lit = track.TryTeme(s, out var teme) && Sun.IsSunlit(teme, sunTable.SunTeme(s));
            cache[k] = lit;
            return lit;
        }
        int? first = null, last = null;
        var k0 = 0;
        while (k0 <= count)
        {
            // One run [k0, k1] of grid points where the site is dark.
            if (!sunTable.IsDark(T(k0), options.DarkSunElevationDeg)) { k0++; continue; }
            var k1 = k0;
            while (k1 + 1 <= count && sunTable.IsDark(T(k1 + 1), options.DarkSunElevationDeg)) k1++;
            var lo = FirstSunlit(k0, k1);
            if (lo is { } l)
            {
                first ??= l;
                last = LastSunlit(l, k1);
            }
            k0 = k1 + 1;
        }
        evaluations += evals;
        return (first is { } f ? T(f) : null, last is { } t ? T(t) : null);

        int? FirstSunlit(int i0, int i1)
        {
            if (Sunlit(i0)) return i0;
            var prev = i0;
            while (prev < i1)
            {
                var next = Math.Min(prev + stride, i1);
                if (Sunlit(next)) return Bisect(prev, next);
                prev = next;
            }
            return null;
        }

        int LastSunlit(int i0, int i1)
        {
            // Sunlit(i0) holds.
            if (Sunlit(i1)) return i1;
            var prev = i1;
            while (true)
            {
                var next = Math.Max(prev - stride, i0);
                if (Sunlit(next)) return Bisect(next, prev) - 1;
                prev = next;
            }
        }

        // Between two indices of different state, the first index of the later state.
        int Bisect(int lo, int hi)
        {
            var loState = Sunlit(lo);
            while (hi - lo > 1)
            {
                var mid = (lo + hi) / 2;
                if (Sunlit(mid) == loState) lo = mid; else hi = mid;
            }
            return hi;
        }
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

/// <summary>
/// The Sun seen from one site over a window, tabulated once: its TEME position and its elevation at the site every
/// <see cref="StepS"/> seconds, linearly interpolated. The elevation changes at most at Earth's rate (0.25°/min) and
/// bends by at most ω⊕²·Δt²/8 ≈ 1.4e-4° between nodes 60 s apart, so a dark/light decision differs from the direct
/// computation only within about 0.03 s of a threshold crossing. The Sun's TEME position turns 0.04° in 60 s;
/// the interpolated vector keeps its direction to about 1e-9 rad and is short by at most r·θ²/8 ≈ 10 km of 1 AU, and
/// the shadow test uses only the direction.
/// </summary>
internal sealed class SiteSunTable
{
    public const double StepS = 60;

    private readonly double[] _elevationDeg;
    private readonly Vec3[] _sunTeme;

    public SiteSunTable(GroundSite site, EarthRotation rotation, double windowS)
    {
        var n = (int)Math.Ceiling(windowS / StepS) + 2;
        _elevationDeg = new double[n];
        _sunTeme = new Vec3[n];
        for (var k = 0; k < n; k++)
        {
            var s = k * StepS;
            var sun = Sun.PositionKm(rotation.StartUtc.AddDays(s / 86_400.0));
            _sunTeme[k] = sun;
            _elevationDeg[k] = site.Look(rotation.TemeToItrf(sun, s)).ElevationDeg;
        }
    }

    private (int K, double F) Locate(double s)
    {
        var x = Math.Clamp(s / StepS, 0, _elevationDeg.Length - 1.000001);
        var k = (int)x;
        return (k, x - k);
    }

    /// <summary>Sun elevation (degrees) at the site, <paramref name="s"/> seconds from the window start.</summary>
    public double ElevationDeg(double s)
    {
        var (k, f) = Locate(s);
        return _elevationDeg[k] + (_elevationDeg[k + 1] - _elevationDeg[k]) * f;
    }

    /// <summary>True when the Sun is below <paramref name="darkSunElevationDeg"/> at the site.</summary>
    public bool IsDark(double s, double darkSunElevationDeg) => ElevationDeg(s) < darkSunElevationDeg;

    /// <summary>Sun position (km, ≈ TEME) at <paramref name="s"/> seconds from the window start.</summary>
    public Vec3 SunTeme(double s)
    {
        var (k, f) = Locate(s);
        return _sunTeme[k] + (_sunTeme[k + 1] - _sunTeme[k]) * f;
    }
}
