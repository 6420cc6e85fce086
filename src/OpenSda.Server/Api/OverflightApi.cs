using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Storage;

namespace OpenSda.Server.Api;

/// <summary>
/// <c>POST /api/v1/overflights</c>: when the chosen satellites pass over an area of operations, and the
/// dark windows when none does. A minimal stand-in until the MultiDomain library (sensor footprints,
/// elevation masks, sunlight) lands on main: a pass is an interval in which the satellite's sub-satellite
/// point (WGS-84 geodetic, from the server's propagation rotated to ITRF) lies inside the area. The
/// state is sampled every <c>stepS</c> seconds and each entry and exit is refined by bisection to 1 s and given to the whole second.
/// </summary>
internal static class OverflightApi
{
    public const int MaxSatellites = 500;
    public const double MeanEarthRadiusKm = 6371.0088;

    /// <summary>Circle: centre and radius; polygon: [longitude, latitude] vertices in degrees (GeoJSON order).</summary>
    public sealed record Area(string Type, double? CenterLatDeg, double? CenterLonDeg, double? RadiusKm, IReadOnlyList<double[]>? Coordinates);

    public sealed record OverflightRequest(Area Area, DateTime From, DateTime To, double? StepS, IReadOnlyList<int>? NoradIds, string? Originator, string? NameContains, string? Regime);

    public sealed record Pass(int NoradId, string? Name, string Start, string End, double DurationS, string Releasability);

    public sealed record Window(string Start, string End, double DurationS);

    public sealed record OverflightResponse(string From, string To, double StepS, int Satellites, IReadOnlyList<Pass> Passes, IReadOnlyList<Window> DarkWindows, IReadOnlyList<string> Markings, string Method);

    public static RouteGroupBuilder MapOverflightApi(this RouteGroupBuilder api)
    {
        api.MapPost("/overflights", async Task<IResult> (OverflightRequest body, HttpContext ctx, WebCatalogCache cache, CancellationToken ct) =>
        {
            if (body.Area == null) return Bad("an area is needed");
            var inside = Inside(body.Area, out var error);
            if (inside == null) return Bad(error!);
            var from = body.From.ToUniversalTime();
            var to = body.To.ToUniversalTime();
            if (to <= from || (to - from).TotalDays > 7) return Bad("the window must be positive and at most 7 days");
            var step = body.StepS ?? 30;
            if (step is < 1 or > 600) return Bad("stepS must lie in [1, 600]");
            var snap = await cache.GetAsync(ctx.Caller(), ct).ConfigureAwait(false);
            var chosen = Select(snap, body);
            if (chosen.Count == 0) return Bad("no satellite the caller may see matches the selection");
            if (chosen.Count > MaxSatellites) return Bad($"{chosen.Count} satellites match; choose at most {MaxSatellites}");
            var passes = await Task.Run(() => Compute(snap, chosen, inside, from, to, step, ct), ct).ConfigureAwait(false);
            var dark = DarkWindows(passes, from, to);
            var markings = chosen.Select(i => snap.Objects[i].Releasability).Distinct().Order(StringComparer.Ordinal).ToList();
            return TypedResults.Ok(new OverflightResponse(WebApi.Iso(from), WebApi.Iso(to), step, chosen.Count,
                passes.Select(p => new Pass(p.NoradId, snap.Objects[snap.IndexOf[p.NoradId]].Name, WebApi.Iso(p.Start), WebApi.Iso(p.End), (p.End - p.Start).TotalSeconds,
                    snap.Objects[snap.IndexOf[p.NoradId]].Releasability)).ToList(),
                dark.Select(d => new Window(WebApi.Iso(d.Start), WebApi.Iso(d.End), (d.End - d.Start).TotalSeconds)).ToList(), markings,
                "sub-satellite point inside the area (WGS-84 geodetic), sampled every stepS seconds, edges bisected to 1 s"));
        }).WithTags("overflights").WithName("PlanOverflights")
          .WithSummary("Passes of the chosen satellites (by list, originator, name or regime) over a circle or polygon, and the dark windows when none is overhead.");
        return api;
    }

    private static IResult Bad(string detail) => TypedResults.Problem(statusCode: 400, title: "Invalid overflight request", detail: detail);

    internal static List<int> Select(WebCatalogSnapshot snap, OverflightRequest r)
    {
        var list = new List<int>();
        var ids = r.NoradIds is { Count: > 0 } ? r.NoradIds.ToHashSet() : null;
        for (var i = 0; i < snap.Objects.Count; i++)
        {
            var o = snap.Objects[i];
            if (ids != null && !ids.Contains(o.NoradId)) continue;
            if (!string.IsNullOrWhiteSpace(r.Originator) && !string.Equals(o.Originator, r.Originator.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            if (!string.IsNullOrWhiteSpace(r.NameContains) && (o.Name == null || !o.Name.Contains(r.NameContains.Trim(), StringComparison.OrdinalIgnoreCase))) continue;
            if (!string.IsNullOrWhiteSpace(r.Regime) && !string.Equals(o.Regime, r.Regime.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            list.Add(i);
        }
        return list;
    }

    /// <summary>The area test on (latitude, longitude) in degrees, or null with an error.</summary>
    internal static Func<double, double, bool>? Inside(Area a, out string? error)
    {
        error = null;
        switch (a.Type?.Trim().ToLowerInvariant())
        {
            case "circle":
                if (a.CenterLatDeg is not { } lat0 || a.CenterLonDeg is not { } lon0 || a.RadiusKm is not { } rad || rad <= 0 || Math.Abs(lat0) > 90)
                {
                    error = "a circle needs centerLatDeg in [-90, 90], centerLonDeg and radiusKm > 0";
                    return null;
                }
                return (lat, lon) => GreatCircleKm(lat0, lon0, lat, lon) <= rad;
            case "polygon":
                if (a.Coordinates is not { Count: >= 3 } pts || pts.Any(p => p is not { Length: >= 2 } || Math.Abs(p[1]) > 90))
                {
                    error = "a polygon needs at least three [longitude, latitude] vertices";
                    return null;
                }
                var poly = pts.Select(p => (Lon: p[0], Lat: p[1])).ToArray();
                return (lat, lon) => InPolygon(poly, lat, lon);
            default:
                error = "area.type must be circle or polygon";
                return null;
        }
    }

    /// <summary>Haversine distance on the mean Earth sphere, km.</summary>
    internal static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double D = Math.PI / 180;
        var dlat = (lat2 - lat1) * D;
        var dlon = (lon2 - lon1) * D;
        var h = Math.Sin(dlat / 2) * Math.Sin(dlat / 2) + Math.Cos(lat1 * D) * Math.Cos(lat2 * D) * Math.Sin(dlon / 2) * Math.Sin(dlon / 2);
        return 2 * MeanEarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Even-odd rule in longitude/latitude, longitudes unwrapped around the first vertex (areas under 180° wide).</summary>
    internal static bool InPolygon((double Lon, double Lat)[] poly, double lat, double lon)
    {
        static double Unwrap(double x, double around) => x - 360 * Math.Round((x - around) / 360);
        var refLon = poly[0].Lon;
        var px = Unwrap(lon, refLon);
        var inside = false;
        for (int i = 0, j = poly.Length - 1; i < poly.Length; j = i++)
        {
            double xi = Unwrap(poly[i].Lon, refLon), yi = poly[i].Lat, xj = Unwrap(poly[j].Lon, refLon), yj = poly[j].Lat;
            if ((yi > lat) != (yj > lat) && px < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
        }
        return inside;
    }

    internal readonly record struct RawPass(int NoradId, DateTime Start, DateTime End);

    internal static List<RawPass> Compute(WebCatalogSnapshot snap, IReadOnlyList<int> chosen, Func<double, double, bool> inside, DateTime from, DateTime to, double stepS, CancellationToken ct)
    {
        var tree = WebCatalogSnapshot.Tree;
        var n = (int)Math.Ceiling((to - from).TotalSeconds / stepS) + 1;
        var times = new DateTime[n];
        for (var k = 0; k < n; k++) times[k] = k == n - 1 ? to : from.AddSeconds(k * stepS);
        var passes = new List<RawPass>();
        var rotations = new Dictionary<Frame, FrameTransform[]>();
        FrameTransform[] RotationsFrom(Frame f)
        {
            if (!rotations.TryGetValue(f, out var r))
                rotations[f] = r = [.. times.Select(t => tree.GetTransform(f, tree.Itrf, WebCatalogSnapshot.ToInstant(t)))];
            return r;
        }
        foreach (var i in chosen)
        {
            ct.ThrowIfCancellationRequested();
            var id = snap.Objects[i].NoradId;
            if (snap.NativePosition(id) is not var (position, frame)) continue;
            var rot = RotationsFrom(frame);
            bool InsideAt(Vec3 itrf)
            {
                var g = Wgs84.FromEcef(itrf);
                return inside(g.LatitudeDeg, g.LongitudeDeg);
            }
            bool OverSample(int k) => position(times[k]) is { } p && InsideAt(rot[k].TransformPosition(p));
            bool Over(DateTime t) => position(t) is { } p && InsideAt(tree.TransformPosition(p, frame, tree.Itrf, WebCatalogSnapshot.ToInstant(t)));
            DateTime Edge(DateTime outside, DateTime inTime)
            {
                // Bisect between a sample outside and one inside; returns the first instant inside (to 1 s).
                while (Math.Abs((inTime - outside).TotalSeconds) > 1)
                {
                    var mid = outside + (inTime - outside) / 2;
                    if (Over(mid)) inTime = mid; else outside = mid;
                }
                return new DateTime((inTime.Ticks + TimeSpan.TicksPerSecond / 2) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc); // to the whole second
            }
            var prev = OverSample(0);
            DateTime? start = prev ? times[0] : null;
            for (var k = 1; k < n; k++)
            {
                var now = OverSample(k);
                if (now && !prev) start = Edge(times[k - 1], times[k]);
                else if (!now && prev && start is { } s0)
                {
                    passes.Add(new RawPass(id, s0, Edge(times[k], times[k - 1])));
                    start = null;
                }
                prev = now;
            }
            if (prev && start is { } s1) passes.Add(new RawPass(id, s1, to));
        }
        passes.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.NoradId.CompareTo(b.NoradId));
        return passes;
    }

    /// <summary>The parts of [from, to] covered by no pass.</summary>
    internal static List<(DateTime Start, DateTime End)> DarkWindows(IReadOnlyList<RawPass> passes, DateTime from, DateTime to)
    {
        var dark = new List<(DateTime, DateTime)>();
        var cursor = from;
        foreach (var p in passes.OrderBy(p => p.Start))
        {
            if (p.Start > cursor) dark.Add((cursor, p.Start));
            if (p.End > cursor) cursor = p.End;
        }
        if (cursor < to) dark.Add((cursor, to));
        return dark;
    }
}
