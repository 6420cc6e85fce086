using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Ephemeris;
using OpenSda.Orbits.Sgp4;
using OpenSda.Storage;
using OpenSda.Time;

namespace OpenSda.Server.Api;

/// <summary>One object as the dashboard shows it: identity, regime, and the source its positions come from.</summary>
public sealed record WebObject(int NoradId, string? Name, string? IntlDesignator, string? Regime, string Kind, long SourceId, string Originator, string Releasability, string Epoch);

/// <summary>
/// Everything a caller may see, ready to propagate: for each object its preferred source (an operator
/// ephemeris over an element set, as <see cref="ObjectDetail.Preferred"/>; the newest of each kind),
/// with element sets initialised once in one <see cref="Sgp4Batch"/>. The propagator is the server's
/// own SGP4 (TEME), rotated to ITRF with the IAU-76/80 chain of <see cref="FrameTree"/>; ephemerides
/// are interpolated (Hermite, degree 5 in their own frame) and rotated the same way.
/// </summary>
internal sealed class WebCatalogSnapshot
{
    private static readonly FrameTree Frames = new(TimeScales.Bundled);

    public required IReadOnlyList<WebObject> Objects { get; init; }

    /// <summary>Index of each object in <see cref="Objects"/> by catalog number.</summary>
    public required IReadOnlyDictionary<int, int> IndexOf { get; init; }

    /// <summary>Objects propagated by SGP4: positions in <see cref="Objects"/> and the batch.</summary>
    public required int[] ElsetObjects { get; init; }

    public required Sgp4Batch? Batch { get; init; }

    public required MeanElements[] Elements { get; init; }

    /// <summary>Objects with an ephemeris: position in <see cref="Objects"/>, interpolator and its frame.</summary>
    public required (int Index, InterpolatedEphemeris Eph, Frame Frame)[] EphemerisObjects { get; init; }

    /// <summary>The default display time: the 95th-percentile element-set epoch rounded up to the next UTC midnight.</summary>
    public required DateTime ReferenceTimeUtc { get; init; }

    public static Instant ToInstant(DateTime utc) =>
        Instant.FromDateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), TimeScales.Bundled.Utc);

    public static JulianDate ToJulian(DateTime utc) =>
        JulianDate.FromCalendar(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second + (utc.Ticks % TimeSpan.TicksPerSecond) / 1e7);

    /// <summary>The TEME → ITRF rotation at <paramref name="utc"/>.</summary>
    public static FrameTransform TemeToItrf(DateTime utc) => Frames.GetTransform(Frames.Teme, Frames.Itrf, ToInstant(utc));

    /// <summary>
    /// Earth-fixed (ITRF) positions, km, of every object at <paramref name="count"/> times from
    /// <paramref name="fromUtc"/> every <paramref name="stepS"/> seconds: <c>xyz[(object * count + k) * 3 + axis]</c>;
    /// NaN where the object has no position (SGP4 error, outside the ephemeris).
    /// </summary>
    public float[] PositionsItrf(DateTime fromUtc, double stepS, int count, IReadOnlyList<int>? only = null)
    {
        var n = Objects.Count;
        var xyz = new float[n * count * 3];
        Array.Fill(xyz, float.NaN);
        var times = new JulianDate[count];
        var rot = new FrameTransform[count];
        for (var k = 0; k < count; k++)
        {
            var t = fromUtc.AddSeconds(k * stepS);
            times[k] = ToJulian(t);
            rot[k] = TemeToItrf(t);
        }
        if (Batch is { Count: > 0 } batch)
        {
            var m = batch.Count;
            var x = new double[m * count];
            var y = new double[m * count];
            var z = new double[m * count];
            var vx = new double[m * count];
            var vy = new double[m * count];
            var vz = new double[m * count];
            var e = new Sgp4Error[m * count];
            batch.Propagate(times, x, y, z, vx, vy, vz, e);
            for (var k = 0; k < count; k++)
            {
                var r = rot[k];
                for (var j = 0; j < m; j++)
                {
                    var s = k * m + j;
                    if (double.IsNaN(x[s])) continue;
                    var p = r.TransformPosition(new Vec3(x[s], y[s], z[s]));
                    var o = (ElsetObjects[j] * count + k) * 3;
                    xyz[o] = (float)p.X;
                    xyz[o + 1] = (float)p.Y;
                    xyz[o + 2] = (float)p.Z;
                }
            }
        }
        foreach (var (index, eph, frame) in EphemerisObjects)
        {
            for (var k = 0; k < count; k++)
            {
                var t = ToInstant(fromUtc.AddSeconds(k * stepS));
                if (!eph.TryGetState(t, out var st)) continue;
                var p = Frames.TransformPosition(st.PositionKm, frame, Frames.Itrf, t);
                var o = (index * count + k) * 3;
                xyz[o] = (float)p.X;
                xyz[o + 1] = (float)p.Y;
                xyz[o + 2] = (float)p.Z;
            }
        }
        return xyz;
    }

    /// <summary>The state of one object at <paramref name="utc"/> in <paramref name="to"/> (TEME, ITRF or GCRF), or null.</summary>
    public StateVector? StateOf(int noradId, DateTime utc, Frame to) => StateFunction(noradId)?.Invoke(utc, to);

    /// <summary>A function giving the state of one object (its propagator initialised once), or null when the caller may not see it.</summary>
    public Func<DateTime, Frame, StateVector?>? StateFunction(int noradId)
    {
        if (!IndexOf.TryGetValue(noradId, out var i)) return null;
        var j = Array.BinarySearch(ElsetObjects, i);
        if (j >= 0)
        {
            var rec = new Sgp4Propagator(Elements[j]);
            if (!rec.InitError.HasState()) return (_, _) => null;
            return (utc, to) =>
            {
                if (!rec.Propagate(ToJulian(utc), out StateVector sv).HasState()) return null;
                return Frames.Transform(sv, Frames.Teme, to, ToInstant(utc));
            };
        }
        foreach (var (index, eph, frame) in EphemerisObjects)
        {
            if (index != i) continue;
            return (utc, to) =>
            {
                var t = ToInstant(utc);
                return eph.TryGetState(t, out var st) ? Frames.Transform(st, frame, to, t) : null;
            };
        }
        return null;
    }

    /// <summary>
    /// A function giving one object's position in its source's own frame (TEME for SGP4, the ephemeris's
    /// frame otherwise), for callers that rotate many samples with rotations computed once per time.
    /// </summary>
    public (Func<DateTime, Vec3?> Position, Frame Frame)? NativePosition(int noradId)
    {
        if (!IndexOf.TryGetValue(noradId, out var i)) return null;
        var j = Array.BinarySearch(ElsetObjects, i);
        if (j >= 0)
        {
            var rec = new Sgp4Propagator(Elements[j]);
            if (!rec.InitError.HasState()) return ((DateTime _) => null, Frames.Teme);
            return (utc => rec.Propagate(ToJulian(utc), out StateVector sv).HasState() ? sv.PositionKm : null, Frames.Teme);
        }
        foreach (var (index, eph, frame) in EphemerisObjects)
            if (index == i) return (utc => eph.TryGetState(ToInstant(utc), out var st) ? st.PositionKm : null, frame);
        return null;
    }

    public static FrameTree Tree => Frames;

    public static Frame FrameOf(string refFrame) => refFrame.Trim().ToUpperInvariant() switch
    {
        "ITRF" or "ITRF2000" or "ITRF-93" or "ITRF-97" or "ITRF2005" or "ITRF2008" or "ITRF2014" or "ITRF2020" => Frames.Itrf,
        "TEME" => Frames.Teme,
        "TOD" => Frames.Tod,
        "MOD" => Frames.Mod,
        _ => Frames.Gcrf, // EME2000, GCRF, ICRF
    };

    /// <summary>The mean elements of a stored element set (epoch ISO-8601 UTC, as the store keeps it).</summary>
    public static MeanElements ToElements(long noradId, string? name, string? intlDesignator, string epochUtc, double meanMotionRevPerDay,
        double eccentricity, double inclinationDeg, double raanDeg, double argPerigeeDeg, double meanAnomalyDeg, double bstar,
        double meanMotionDot, double meanMotionDdot) => new()
    {
        CatalogNumber = (int)noradId,
        Name = name,
        InternationalDesignator = intlDesignator,
        EpochUtc = ToJulian(DateTime.Parse(epochUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
        MeanMotionRevPerDay = meanMotionRevPerDay,
        Eccentricity = eccentricity,
        InclinationDeg = inclinationDeg,
        RaanDeg = raanDeg,
        ArgPerigeeDeg = argPerigeeDeg,
        MeanAnomalyDeg = meanAnomalyDeg,
        BStar = bstar,
        MeanMotionDot = meanMotionDot,
        MeanMotionDDot = meanMotionDdot,
    };

    /// <summary>The mean elements of a stored element set.</summary>
    public static MeanElements ToElements(ElsetView v) => ToElements(v.NoradId, v.Name, v.IntlDesignator, v.Epoch, v.MeanMotionRevPerDay,
        v.Eccentricity, v.InclinationDeg, v.RaanDeg, v.ArgPerigeeDeg, v.MeanAnomalyDeg, v.Bstar, v.MeanMotionDot, v.MeanMotionDdot);

    /// <summary>The mean elements of a current element set (<see cref="OpenSdaStore.CurrentCatalogAsync"/>).</summary>
    public static MeanElements ToElements(ScreeningElset r) => ToElements(r.NoradId, r.Name, r.IntlDesignator, r.Epoch, r.MeanMotionRevPerDay,
        r.Eccentricity, r.InclinationDeg, r.RaanDeg, r.ArgPerigeeDeg, r.MeanAnomalyDeg, r.Bstar, r.MeanMotionDot, r.MeanMotionDdot);

    public static InterpolatedEphemeris? Interpolator(string points, string startTime)
    {
        var pts = OpenSdaStore.ParsePoints(points);
        if (pts.Count < 2) return null;
        var t0 = ToInstant(DateTime.Parse(startTime, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
        var times = new List<Instant>(pts.Count);
        var states = new List<StateVector>(pts.Count);
        foreach (var p in pts)
        {
            var t = Instant.FromTaiNanosecondsSinceEpoch(t0.TaiNanosecondsSinceEpoch + (long)Math.Round(p[0] * 1e9));
            if (times.Count > 0 && t <= times[^1]) continue;
            times.Add(t);
            states.Add(new StateVector(new Vec3(p[1], p[2], p[3]), new Vec3(p[4], p[5], p[6])));
        }
        return times.Count < 2 ? null : new InterpolatedEphemeris(times, states, EphemerisInterpolation.Hermite, 5);
    }

    /// <summary>Reads what <paramref name="caller"/> may see (the same visibility rule as every query).</summary>
    public static async Task<WebCatalogSnapshot> LoadAsync(OpenSdaStore store, Caller caller, CancellationToken ct)
    {
        await using var conn = await store.Db.OpenAsync(ct).ConfigureAwait(false);
        var vis = await store.VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
        var (elsets, ephs) = await OpenSdaStore.CurrentCatalogAsync(conn, caller, vis).ConfigureAwait(false);
        var entries = (await conn.QueryAsync<(long NoradId, string? Name, string? Intl, string? Regime)>(
            $"SELECT e.norad_id, MAX(e.name), MAX(e.intl_designator), MAX(e.regime) FROM object_entry e WHERE {OpenSdaStore.Visible("e", caller, vis)} GROUP BY e.norad_id").ConfigureAwait(false))
            .ToDictionary(e => (int)e.NoradId);

        var objects = new List<WebObject>();
        var index = new Dictionary<int, int>();
        var ephList = new List<(int, InterpolatedEphemeris, Frame)>();
        foreach (var r in ephs)
        {
            var interp = Interpolator(r.Points, r.StartTime);
            if (interp == null) continue;
            var id = (int)r.NoradId;
            entries.TryGetValue(id, out var en);
            index[id] = objects.Count;
            ephList.Add((objects.Count, interp, FrameOf(r.RefFrame)));
            objects.Add(new WebObject(id, en.Name ?? r.ObjectName, en.Intl, en.Regime, "ephemeris", r.Id, r.Originator, r.Marking, r.StopTime));
        }
        var elsetIdx = new List<int>();
        var elements = new List<MeanElements>();
        foreach (var r in elsets)
        {
            var id = (int)r.NoradId;
            if (index.ContainsKey(id)) continue; // an ephemeris is preferred
            entries.TryGetValue(id, out var en);
            var el = ToElements(r);
            index[id] = objects.Count;
            elsetIdx.Add(objects.Count);
            elements.Add(el);
            objects.Add(new WebObject(id, r.Name ?? en.Name, r.IntlDesignator ?? en.Intl, en.Regime ?? OrbitGeometry.Regime(el).ToString().ToUpperInvariant(),
                "elset", r.Id, r.Originator, r.Marking, r.Epoch));
        }
        // The display's default time: the 95th-percentile element-set epoch rounded up to the next UTC midnight
        // (the catalog's "as of" day; a few future-dated element sets do not move it).
        var epochs = elsets.Select(e => e.Epoch).Order(StringComparer.Ordinal).ToList();
        var reference = epochs.Count == 0 ? DateTime.UtcNow.Date
            : DateTime.Parse(epochs[(int)(0.95 * (epochs.Count - 1))], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Date.AddDays(1);
        await store.Audit.RecordAsync(caller, "read", "web catalog", null, $"{objects.Count} objects");
        return new WebCatalogSnapshot
        {
            Objects = objects,
            IndexOf = index,
            ElsetObjects = [.. elsetIdx],
            Elements = [.. elements],
            Batch = elements.Count == 0 ? null : new Sgp4Batch(elements),
            EphemerisObjects = [.. ephList],
            ReferenceTimeUtc = reference,
        };
    }
}

/// <summary>
/// Snapshots per organisation, reused while the store's element sets and ephemerides are unchanged
/// (checked by their largest id and count) and the organisation's visible markings are the same.
/// </summary>
internal sealed class WebCatalogCache(OpenSdaStore store)
{
    private readonly ConcurrentDictionary<long, (string Key, Task<WebCatalogSnapshot> Snapshot)> _cache = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<WebCatalogSnapshot> GetAsync(Caller caller, CancellationToken ct)
    {
        string key;
        await using (var conn = await store.Db.OpenAsync(ct).ConfigureAwait(false))
        {
            var vis = await store.VisibleMarkingsAsync(conn, caller).ConfigureAwait(false);
            var v = await conn.QuerySingleAsync<(long E, long Ec, long P, long Pc)>(
                "SELECT (SELECT COALESCE(MAX(id),0) FROM elset), (SELECT COUNT(*) FROM elset), (SELECT COALESCE(MAX(id),0) FROM ephemeris), (SELECT COUNT(*) FROM ephemeris)").ConfigureAwait(false);
            key = $"{v.E}/{v.Ec}/{v.P}/{v.Pc}/{vis}";
        }
        if (_cache.TryGetValue(caller.OrgId, out var hit) && hit.Key == key && hit.Snapshot.IsCompletedSuccessfully) return await hit.Snapshot.ConfigureAwait(false);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_cache.TryGetValue(caller.OrgId, out hit) && hit.Key == key && hit.Snapshot.IsCompletedSuccessfully) return await hit.Snapshot.ConfigureAwait(false);
            var snap = await WebCatalogSnapshot.LoadAsync(store, caller, ct).ConfigureAwait(false);
            _cache[caller.OrgId] = (key, Task.FromResult(snap));
            return snap;
        }
        finally { _gate.Release(); }
    }
}
