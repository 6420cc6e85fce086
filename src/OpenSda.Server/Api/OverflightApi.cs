using OpenSda.MultiDomain;
using OpenSda.Orbits;
using OpenSda.Time;

namespace OpenSda.Server.Api;

/// <summary>
/// <c>POST /api/v1/overflights</c>: when the chosen satellites can see into an area of operations, and the dark
/// windows when none can. The passes are those of <see cref="OverflightFinder"/> (OpenSda.MultiDomain, the code of
/// <c>opensda overflight</c>): a satellite sees into the area while some point of it is above the minimum elevation
/// and within the sensor half-angle of nadir (spherical Earth of the area's radius; Vallado 2013 §11.3), with entry,
/// best view (closest approach of the sub-satellite point to the area's centre, with elevation, slant range and
/// off-nadir angle towards the nearest point of the area) and exit found by root finding, and whether the area's
/// centre is sunlit at the best view. Dark windows are the complement of the union of the usable passes
/// (<see cref="DarkWindows"/>); for an optical sensor only sunlit passes are usable.
/// Satellites are chosen among those the caller may see (the web catalog snapshot, with the same visibility rule
/// as every query): by catalog numbers, type tag (<c>data/satellite-types.csv</c>, <see cref="SatelliteTagTable"/>),
/// name pattern (<c>*</c>, <c>?</c>), originator, name substring or regime; every given criterion must hold.
/// Times are given to the whole second.
/// </summary>
internal static class OverflightApi
{
    public const int MaxSatellites = 2000;

    private static readonly Lazy<SatelliteTagTable> Tags = new(SatelliteTagTable.LoadBundled);

    /// <summary>Circle: centre and radius; polygon: [longitude, latitude] vertices in degrees (GeoJSON order).</summary>
    public sealed record Area(string Type, double? CenterLatDeg, double? CenterLonDeg, double? RadiusKm, IReadOnlyList<double[]>? Coordinates);

    /// <summary>
    /// An overflight question. <c>Owner</c> selects by owner/country codes (comma-separated SATCAT codes such as
    /// <c>PRC,CIS</c>) from the bundled owner table (<c>data/satellite-owners.csv</c>, as <c>opensda overflight --owner</c>);
    /// <c>Originator</c> selects by the organisation that provided the data.
    /// </summary>
    public sealed record OverflightRequest(
        Area Area, DateTime From, DateTime To,
        IReadOnlyList<int>? NoradIds = null, string? Tag = null, string? NamePattern = null, string? Owner = null,
        string? Originator = null, string? NameContains = null, string? Regime = null,
        double? MinElevationDeg = null, double? HalfAngleDeg = null, string? Sensor = null, double? SunlitSunElevationDeg = null,
        double? MinDarkWindowS = null);

    /// <summary>
    /// One pass: entry (start), best view and exit (end); at the best view the elevation, slant range and off-nadir
    /// angle towards the nearest point of the area, the Sun's elevation at the area's centre and whether that counts
    /// as sunlit. <c>Usable</c>: counts for the dark windows (always, except unlit passes of an optical sensor).
    /// <c>StartClipped</c>/<c>EndClipped</c>: the pass was already under way at the window's start / still at its end.
    /// </summary>
    public sealed record Pass(int NoradId, string? Name, string? Tag, string Start, string Best, string End, double DurationS,
        double ElevationDeg, double RangeKm, double OffNadirDeg, bool Sunlit, double SunElevationDeg, bool Usable,
        bool StartClipped, bool EndClipped, string Releasability);

    public sealed record Window(string Start, string End, double DurationS);

    /// <summary>A chosen satellite whose passes could not be computed, and why.</summary>
    public sealed record Skipped(int NoradId, string? Name, string Reason, string Releasability);

    public sealed record OverflightResponse(string From, string To, int Satellites, string Area, double MinElevationDeg, double? HalfAngleDeg,
        string Sensor, double SunlitSunElevationDeg, IReadOnlyList<Pass> Passes, IReadOnlyList<Window> DarkWindows, IReadOnlyList<Skipped> NotComputed,
        IReadOnlyList<string> Markings, long Propagations, string Method);

    public sealed record TagList(string Source, IReadOnlyList<string> Tags);

    public static RouteGroupBuilder MapOverflightApi(this RouteGroupBuilder api)
    {
        api.MapPost("/overflights", async Task<IResult> (OverflightRequest body, HttpContext ctx, WebCatalogCache cache, CancellationToken ct) =>
        {
            if (body.Area == null) return Bad("an area is needed");
            var area = ToArea(body.Area, out var error);
            if (area == null) return Bad(error!);
            var from = DateTime.SpecifyKind(body.From.ToUniversalTime(), DateTimeKind.Utc);
            var to = DateTime.SpecifyKind(body.To.ToUniversalTime(), DateTimeKind.Utc);
            if (to <= from || (to - from).TotalDays > 7) return Bad("the window must be positive and at most 7 days");
            var minEl = body.MinElevationDeg ?? 0;
            if (minEl is < 0 or >= 90) return Bad("minElevationDeg must lie in [0, 90)");
            var eta = body.HalfAngleDeg ?? 30;
            if (eta is <= 0 or > 90) return Bad("halfAngleDeg must lie in (0, 90]; 90 means no sensor limit (the horizon and minElevationDeg only)");
            var sensor = (body.Sensor ?? "any").Trim().ToLowerInvariant();
            if (sensor is not ("any" or "optical")) return Bad("sensor must be 'optical' (only sunlit passes count) or 'any'");
            var sunEl = body.SunlitSunElevationDeg ?? 0;
            if (sunEl is < -18 or > 90) return Bad("sunlitSunElevationDeg must lie in [-18, 90]");
            if (!string.IsNullOrWhiteSpace(body.Tag) && !Tags.Value.Tags.Contains(body.Tag.Trim(), StringComparer.OrdinalIgnoreCase))
                return Bad($"unknown tag '{body.Tag.Trim()}'; the type table has: {string.Join(", ", Tags.Value.Tags.Order(StringComparer.Ordinal))}");
            var snap = await cache.GetAsync(ctx.Caller(), ct).ConfigureAwait(false);
            if (!HasCriterion(body)) return Bad("choose satellites by noradIds, tag, namePattern, owner, originator, nameContains or regime");
            var chosen = Select(snap, body);
            if (chosen.Count == 0) return Bad("no satellite the caller may see matches the selection");
            if (chosen.Count > MaxSatellites) return Bad($"{chosen.Count} satellites match; choose at most {MaxSatellites}");

            var elements = new List<MeanElements>();
            var skipped = new List<Skipped>();
            foreach (var i in chosen)
            {
                var j = Array.BinarySearch(snap.ElsetObjects, i);
                var o = snap.Objects[i];
                if (j >= 0) elements.Add(snap.Elements[j]);
                else skipped.Add(new Skipped(o.NoradId, o.Name, "its positions come from an operator ephemeris; the overflight library propagates element sets (SGP4)", o.Releasability));
            }
            var options = new OverflightOptions { MinElevationDeg = minEl, HalfAngleDeg = eta >= 90 ? null : eta, SunlitSunElevationDeg = sunEl };
            var scales = TimeScales.Bundled;
            var t0 = WebCatalogSnapshot.ToInstant(from);
            var t1 = WebCatalogSnapshot.ToInstant(to);
            var result = elements.Count == 0
                ? new SearchResult<Overflight>([], [], 0, 0)
                : await Task.Run(() => OverflightFinder.Find(elements, area, t0, t1, scales, options), ct).ConfigureAwait(false);
            foreach (var id in result.FailedCatalogNumbers)
            {
                var o = snap.Objects[snap.IndexOf[id]];
                skipped.Add(new Skipped(id, o.Name, "SGP4 rejected its element set", o.Releasability));
            }
            var optical = sensor == "optical";
            bool Usable(Overflight p) => !optical || p.AreaSunlit;
            var dark = DarkWindows.FromOverflights(result.Items.Where(Usable), t0, t1, TimeSpan.FromSeconds(Math.Max(0, body.MinDarkWindowS ?? 0)));
            var byId = elements.ToDictionary(e => e.CatalogNumber);
            var passes = result.Items.Select(p =>
            {
                var o = snap.Objects[snap.IndexOf[p.CatalogNumber]];
                DateTime s = Second(p.Entry), b = Second(p.Best), e = Second(p.Exit);
                return new Pass(p.CatalogNumber, o.Name, Tags.Value.TagOf(byId[p.CatalogNumber]), WebApi.Iso(s), WebApi.Iso(b), WebApi.Iso(e), (e - s).TotalSeconds,
                    Math.Round(p.ElevationDeg, 3), Math.Round(p.RangeKm, 3), Math.Round(p.OffNadirDeg, 3), p.AreaSunlit, Math.Round(p.SunElevationDeg, 3), Usable(p),
                    p.EntryClipped, p.ExitClipped, o.Releasability);
            }).ToList();
            var windows = dark.Select(d => (S: Second(d.Start), E: Second(d.End))).Where(d => d.E > d.S)
                .Select(d => new Window(WebApi.Iso(d.S), WebApi.Iso(d.E), (d.E - d.S).TotalSeconds)).ToList();
            var markings = chosen.Select(i => snap.Objects[i].Releasability).Distinct().Order(StringComparer.Ordinal).ToList();
            return TypedResults.Ok(new OverflightResponse(WebApi.Iso(from), WebApi.Iso(to), chosen.Count, area.Description, minEl, options.HalfAngleDeg,
                sensor, sunEl, passes, windows, skipped, markings, result.PropagationCount,
                "OpenSda.MultiDomain OverflightFinder (as opensda overflight): visible while some point of the area is above the minimum elevation and within the sensor half-angle of nadir; " +
                "best view = closest approach of the sub-satellite point to the area's centre; times to the whole second" +
                (optical ? "; optical sensor: only passes with the area's centre sunlit close a dark window" : "")));
        }).WithTags("overflights").WithName("PlanOverflights")
          .WithSummary("Passes of the chosen satellites (by list, type tag, name pattern, owner/country, originator, name or regime) over a circle or polygon: entry, best view and exit with elevation, range, off-nadir angle and sunlight; and the dark windows when none can see the area.")
          .Produces<OverflightResponse>();

        api.MapGet("/overflights/tags", () => TypedResults.Ok(new TagList(SatelliteTagTable.BundledFileName, [.. Tags.Value.Tags.Order(StringComparer.Ordinal)])))
            .WithTags("overflights").WithName("GetSatelliteTags").WithSummary("The type tags of the satellite type table (imaging, sar, sigint, …) that overflight requests may select by.").Produces<TagList>();
        return api;
    }

    private static IResult Bad(string detail) => TypedResults.Problem(statusCode: 400, title: "Invalid overflight request", detail: detail);

    private static DateTime Second(Instant t)
    {
        var d = t.ToDateTime(TimeScales.Bundled.Utc).UtcDateTime;
        return new DateTime((d.Ticks + TimeSpan.TicksPerSecond / 2) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private static bool HasCriterion(OverflightRequest r) =>
        r.NoradIds is { Count: > 0 } || !string.IsNullOrWhiteSpace(r.Tag) || !string.IsNullOrWhiteSpace(r.NamePattern) || !string.IsNullOrWhiteSpace(r.Owner)
        || !string.IsNullOrWhiteSpace(r.Originator) || !string.IsNullOrWhiteSpace(r.NameContains) || !string.IsNullOrWhiteSpace(r.Regime);

    /// <summary>Indices (in the snapshot) of the visible objects meeting every given criterion.</summary>
    internal static List<int> Select(WebCatalogSnapshot snap, OverflightRequest r)
    {
        var list = new List<int>();
        var ids = r.NoradIds is { Count: > 0 } ? r.NoradIds.ToHashSet() : null;
        var pattern = string.IsNullOrWhiteSpace(r.NamePattern) ? null : r.NamePattern.Trim();
        var namePattern = pattern is null ? null : SatelliteSelection.NamePatternPredicate(pattern);
        var tag = string.IsNullOrWhiteSpace(r.Tag) ? null : r.Tag.Trim();
        var owners = string.IsNullOrWhiteSpace(r.Owner) ? null
            : r.Owner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < snap.Objects.Count; i++)
        {
            var o = snap.Objects[i];
            if (ids != null && !ids.Contains(o.NoradId)) continue;
            if (!string.IsNullOrWhiteSpace(r.Originator) && !string.Equals(o.Originator, r.Originator.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            if (!string.IsNullOrWhiteSpace(r.NameContains) && (o.Name == null || !o.Name.Contains(r.NameContains.Trim(), StringComparison.OrdinalIgnoreCase))) continue;
            if (!string.IsNullOrWhiteSpace(r.Regime) && !string.Equals(o.Regime, r.Regime.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            if (pattern != null || tag != null || owners != null)
            {
                var j = Array.BinarySearch(snap.ElsetObjects, i);
                var e = j >= 0 ? snap.Elements[j] : SatelliteOwners.Identity(o.NoradId, o.Name);
                if (namePattern != null && !namePattern(e)) continue;
                if (tag != null && !string.Equals(Tags.Value.TagOf(e), tag, StringComparison.OrdinalIgnoreCase)) continue;
                if (owners != null && !owners.Contains(SatelliteOwners.Of(o.NoradId, o.Name))) continue;
            }
            list.Add(i);
        }
        return list;
    }

    /// <summary>The library's area, or null with an error.</summary>
    internal static AreaOfOperations? ToArea(Area a, out string? error)
    {
        error = null;
        switch (a.Type?.Trim().ToLowerInvariant())
        {
            case "circle":
                if (a.CenterLatDeg is not { } lat0 || a.CenterLonDeg is not { } lon0 || a.RadiusKm is not { } rad || !(rad > 0 && rad < 10_000) || Math.Abs(lat0) > 90 || !double.IsFinite(lon0))
                {
                    error = "a circle needs centerLatDeg in [-90, 90], centerLonDeg and radiusKm in (0, 10000)";
                    return null;
                }
                return new CircleArea(lat0, lon0, rad);
            case "polygon":
                if (a.Coordinates is not { Count: >= 3 } pts || pts.Any(p => p is not { Length: >= 2 } || Math.Abs(p[1]) > 90 || !double.IsFinite(p[0])))
                {
                    error = "a polygon needs at least three [longitude, latitude] vertices";
                    return null;
                }
                try
                {
                    return new PolygonArea([.. pts.Select(p => (p[1], p[0]))]);
                }
                catch (ArgumentException ex)
                {
                    error = ex.Message;
                    return null;
                }
            default:
                error = "area.type must be circle or polygon";
                return null;
        }
    }
}
