using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Screening.Probability;
using OpenSda.Screening.Reporting;
using OpenSda.Storage;

namespace OpenSda.Server.Api;

/// <summary>
/// Endpoints the dashboard needs besides the record API: the visible catalog in a compact form, the
/// server's propagated positions as binary samples, one object's orbit and ground track, the encounter
/// geometry and a CDM of a conjunction. Every answer is built from what the caller may see (the same
/// visibility rule as every query): an object the caller may not see is in none of them.
/// </summary>
internal static class WebApi
{
    /// <summary>Magic number of the binary position sample ("OSDP" little-endian).</summary>
    public const uint PositionsMagic = 0x5044534F;

    /// <summary>Bytes of the fixed header of a position sample.</summary>
    public const int PositionsHeaderBytes = 32;

    public const int MaxSamples = 720;

    /// <summary>
    /// The catalog column-wise. <c>Owner</c> indexes <c>Owners</c>: the satellite's owner/country (SATCAT code) from the
    /// bundled owner table, <c>UNKNOWN</c> where it has none; <c>Originator</c> indexes <c>Originators</c>: the organisation
    /// that provided the data.
    /// </summary>
    public sealed record CatalogIndex(string ReferenceTime, int Count, IReadOnlyList<string> Originators, IReadOnlyList<string> Markings,
        int[] NoradId, string?[] Name, string?[] IntlDesignator, string?[] Regime, string[] Kind, int[] Originator, int[] Marking, long[] EpochUnixS,
        IReadOnlyList<string> Owners, int[] Owner);

    public sealed record Track(int NoradId, string From, double StepS, string Releasability, string Originator,
        IReadOnlyList<double[]> OrbitItrfKm, IReadOnlyList<double[]> GroundTrack);

    /// <summary>One object at TCA: its state, the source of the state, and the default-covariance-model sigmas used for it ("payload, 1.25 d").</summary>
    public sealed record EncounterObject(int NoradId, string? Name, string Source, double[] PositionGcrfKm, double[] VelocityGcrfKmS, double[] SigmaRtnKm, string CovarianceModel);

    public sealed record Geometry(long ConjunctionId, string Tca, double MissKm, double? Pc, double RelativeSpeedKmS,
        double[] MissRtnKm, double[] RelativeVelocityRtnKmS, double[] MissEncounterPlaneKm, double[] CovarianceEncounterPlaneKm2,
        double[] EllipseSemiAxesKm, double EllipseAngleDeg, string CovarianceSource, EncounterObject Primary, EncounterObject Secondary,
        string Releasability, string PcSource);

    /// <summary>
    /// The label of the default covariance model for one object: "payload, 1.25 d" (kind from the catalog name as
    /// <see cref="EventProbability.KindFromName"/> reads it, and the element-set age at TCA; an operator ephemeris
    /// counts as age 0).
    /// </summary>
    internal static string ModelLabel(ObjectKind kind, double ageDays, bool ephemeris) =>
        string.Create(CultureInfo.InvariantCulture, $"{KindText(kind)}, {Math.Abs(ageDays):0.00} d{(ephemeris ? " (ephemeris)" : "")}");

    private static string KindText(ObjectKind k) => k switch
    {
        ObjectKind.Payload => "payload",
        ObjectKind.RocketBody => "rocket body",
        ObjectKind.Debris => "debris",
        _ => "unknown",
    };

    public static RouteGroupBuilder MapWebApi(this RouteGroupBuilder api)
    {
        var w = api.MapGroup("/web").WithTags("web");
        w.MapGet("/catalog", async (HttpContext ctx, WebCatalogCache cache, CancellationToken ct) =>
        {
            var snap = await cache.GetAsync(ctx.Caller(), ct).ConfigureAwait(false);
            var o = snap.Objects;
            var originators = o.Select(x => x.Originator).Distinct().Order(StringComparer.Ordinal).ToList();
            var markings = o.Select(x => x.Releasability).Distinct().Order(StringComparer.Ordinal).ToList();
            var oi = originators.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
            var mi = markings.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
            var ownerOf = o.Select(x => SatelliteOwners.Of(x.NoradId, x.Name)).ToArray();
            var owners = ownerOf.Distinct().Order(StringComparer.Ordinal).ToList();
            var wi = owners.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
            return TypedResults.Ok(new CatalogIndex(Iso(snap.ReferenceTimeUtc), o.Count, originators, markings,
                [.. o.Select(x => x.NoradId)], [.. o.Select(x => x.Name)], [.. o.Select(x => x.IntlDesignator)], [.. o.Select(x => x.Regime)],
                [.. o.Select(x => x.Kind)], [.. o.Select(x => oi[x.Originator])], [.. o.Select(x => mi[x.Releasability])],
                [.. o.Select(x => UnixSeconds(x.Epoch))], owners, [.. ownerOf.Select(x => wi[x])]));
        }).WithName("GetWebCatalog")
          .WithSummary("Every object the caller may see, column-wise (the order of /web/positions), with its owner/country (bundled owner table), and the originator, marking and epoch (ephemeris: stop time) of the source its positions come from.");

        w.MapGet("/positions", async Task<IResult> (DateTime? from, double? stepS, int? count, HttpContext ctx, WebCatalogCache cache, CancellationToken ct) =>
        {
            var n = count ?? 16;
            var step = stepS ?? 60;
            if (n is < 1 or > MaxSamples) return TypedResults.Problem(statusCode: 400, title: "Invalid count", detail: $"count must lie in [1, {MaxSamples}]");
            if (step is < 1 or > 86400) return TypedResults.Problem(statusCode: 400, title: "Invalid step", detail: "stepS must lie in [1, 86400]");
            var snap = await cache.GetAsync(ctx.Caller(), ct).ConfigureAwait(false);
            var t0 = from?.ToUniversalTime() ?? snap.ReferenceTimeUtc;
            if ((long)snap.Objects.Count * n > 40_000_000) return TypedResults.Problem(statusCode: 400, title: "Too large", detail: "ask for fewer samples");
            var xyz = await Task.Run(() => snap.PositionsItrf(t0, step, n), ct).ConfigureAwait(false);
            return TypedResults.Bytes(EncodePositions(snap, t0, step, n, xyz), "application/octet-stream");
        }).WithName("GetWebPositions")
          .WithSummary("Earth-fixed (ITRF) positions of every visible object at count times from 'from' every stepS seconds, as binary.")
          .WithDescription("Little-endian: uint32 magic 'OSDP', uint32 version 1, uint32 objects N, uint32 samples K, float64 stepS, float64 t0 (Unix ms); " +
                           "int32 catalog numbers[N] (the order of /web/catalog); float32 positions km [N][K][x,y,z], NaN where there is none. " +
                           "Positions are the server's SGP4 (TEME rotated to ITRF by IAU-76/80) or the object's ephemeris; clients interpolate between samples.")
          .Produces(200, contentType: "application/octet-stream");

        w.MapGet("/objects/{noradId:int}/track", async Task<IResult> (int noradId, DateTime? from, double? minutes, double? stepS, HttpContext ctx, WebCatalogCache cache, CancellationToken ct) =>
        {
            var snap = await cache.GetAsync(ctx.Caller(), ct).ConfigureAwait(false);
            if (!snap.IndexOf.TryGetValue(noradId, out var i)) return CatalogApi.NotFound($"object {noradId}");
            var t0 = from?.ToUniversalTime() ?? snap.ReferenceTimeUtc;
            var span = Math.Clamp(minutes ?? 100, 1, 2880);
            var step = Math.Clamp(stepS ?? 60, 5, 3600);
            var tree = WebCatalogSnapshot.Tree;
            var rot0 = tree.GetTransform(tree.Gcrf, tree.Itrf, WebCatalogSnapshot.ToInstant(t0));
            var state = snap.StateFunction(noradId)!;
            var orbit = new List<double[]>();
            var ground = new List<double[]>();
            for (var s = 0.0; s <= span * 60 + 1e-9; s += step)
            {
                var t = t0.AddSeconds(s);
                if (state(t, tree.Gcrf) is not { } g) continue;
                var frozen = rot0.TransformPosition(g.PositionKm); // the inertial orbit as it lies over the Earth at 'from'
                orbit.Add([s, frozen.X, frozen.Y, frozen.Z]);
                var itrf = tree.TransformPosition(g.PositionKm, tree.Gcrf, tree.Itrf, WebCatalogSnapshot.ToInstant(t));
                var geo = Wgs84.FromEcef(itrf);
                ground.Add([s, geo.LatitudeDeg, geo.LongitudeDeg, geo.HeightKm]);
            }
            var o = snap.Objects[i];
            return TypedResults.Ok(new Track(noradId, Iso(t0), step, o.Releasability, o.Originator, orbit, ground));
        }).WithName("GetWebTrack")
          .WithSummary("Orbit (inertial, drawn over the Earth as it lies at 'from'; ITRF km) and ground track (latitude, longitude, height) of one object; [t_s, ...] rows.");

        var c = api.MapGroup("/conjunctions").WithTags("conjunctions");
        c.MapGet("/{id:long}/geometry", async Task<IResult> (long id, HttpContext ctx, OpenSdaStore store, WebCatalogCache cache, CancellationToken ct) =>
            await GeometryAsync(id, ctx.Caller(), store, cache, ct).ConfigureAwait(false) is { } g ? TypedResults.Ok(g) : CatalogApi.NotFound($"conjunction {id} with states at TCA"))
            .WithName("GetConjunctionGeometry")
            .WithSummary("Encounter geometry at TCA: miss in the primary's RTN frame and in the encounter plane, with the combined covariance ellipse there.");
        c.MapGet("/{id:long}/cdm", async Task<IResult> (long id, HttpContext ctx, OpenSdaStore store, WebCatalogCache cache, CancellationToken ct) =>
        {
            var caller = ctx.Caller();
            var v = await store.GetConjunctionAsync(caller, id, ct).ConfigureAwait(false);
            if (v == null) return CatalogApi.NotFound($"conjunction {id}");
            var g = await GeometryAsync(id, caller, store, cache, ct).ConfigureAwait(false);
            if (g == null) return CatalogApi.NotFound($"states at TCA of conjunction {id}");
            ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"conjunction-{id}.cdm\"";
            return TypedResults.Text(WebCdm.Kvn(v, g), "text/plain; charset=utf-8", Encoding.UTF8);
        }).WithName("GetConjunctionCdm").WithSummary("The conjunction as a CCSDS CDM (KVN), with the states at TCA and the covariance used.");
        return api;
    }

    internal static long UnixSeconds(string iso) =>
        DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? (long)(t - DateTime.UnixEpoch).TotalSeconds : 0;

    internal static string Iso(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static byte[] EncodePositions(WebCatalogSnapshot snap, DateTime t0, double stepS, int count, float[] xyz)
    {
        var n = snap.Objects.Count;
        var bytes = new byte[PositionsHeaderBytes + n * 4 + xyz.Length * 4];
        var s = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, PositionsMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], (uint)n);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)count);
        BinaryPrimitives.WriteDoubleLittleEndian(s[16..], stepS);
        BinaryPrimitives.WriteDoubleLittleEndian(s[24..], (DateTime.SpecifyKind(t0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds);
        var ids = s.Slice(PositionsHeaderBytes, n * 4);
        for (var i = 0; i < n; i++) BinaryPrimitives.WriteInt32LittleEndian(ids[(i * 4)..], snap.Objects[i].NoradId);
        var pos = s[(PositionsHeaderBytes + n * 4)..];
        if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(xyz.AsSpan()).CopyTo(pos);
        else for (var k = 0; k < xyz.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(pos[(k * 4)..], xyz[k]);
        return bytes;
    }

    /// <summary>
    /// The encounter at TCA from the conjunction's input records (its lineage) as the caller may see them,
    /// else from each object's preferred source. The relative position and velocity (secondary minus primary)
    /// are expressed in the primary's RTN frame (R along its position, N along its angular momentum, T = N × R)
    /// and in the encounter plane normal to the relative velocity (x along the miss vector, y = z × x), as in
    /// Alfano, "Review of Conjunction Probability Methods for Short-term Encounters", AAS 07-148, §2.
    /// The combined covariance is the sum of both objects' covariances. Stored conjunctions carry none, so each object
    /// gets the diagonal RTN sigmas of <see cref="DefaultCovarianceModel"/> (by kind from its name and element-set age
    /// at TCA: the model of the screening Pc), rotated into GCRF and projected onto the plane, and labelled so.
    /// </summary>
    internal static async Task<Geometry?> GeometryAsync(long id, Caller caller, OpenSdaStore store, WebCatalogCache cache, CancellationToken ct)
    {
        var v = await store.GetConjunctionAsync(caller, id, ct).ConfigureAwait(false);
        if (v == null) return null;
        var tca = DateTime.Parse(v.Tca, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var tree = WebCatalogSnapshot.Tree;
        var states = new Dictionary<int, (StateVector State, string Source, string? Name, double AgeDays, bool Ephemeris)>();
        foreach (var input in v.Lineage.DerivedFrom)
        {
            RecordRef r;
            try { r = RecordRef.Parse(input); } catch (FormatException) { continue; }
            if (r.Kind == "ephemeris" && await store.GetEphemerisAsync(caller, r.Id, ct).ConfigureAwait(false) is { Points: { Count: >= 2 } pts } e)
            {
                var interp = new OpenSda.Orbits.Ephemeris.InterpolatedEphemeris(
                    [.. pts.Select(p => WebCatalogSnapshot.ToInstant(DateTime.Parse(e.StartTime, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).AddSeconds(p[0])))],
                    [.. pts.Select(p => new StateVector(new Vec3(p[1], p[2], p[3]), new Vec3(p[4], p[5], p[6])))],
                    OpenSda.Orbits.Ephemeris.EphemerisInterpolation.Hermite, 5);
                var t = WebCatalogSnapshot.ToInstant(tca);
                if (interp.TryGetState(t, out var st)) states[e.NoradId] = (tree.Transform(st, WebCatalogSnapshot.FrameOf(e.RefFrame), tree.Gcrf, t), input, e.ObjectName, 0, true);
            }
            else if (r.Kind == "elset" && await store.GetElsetAsync(caller, r.Id, ct).ConfigureAwait(false) is { } el)
            {
                var me = WebCatalogSnapshot.ToElements(el);
                var prop = new OpenSda.Orbits.Sgp4.Sgp4Propagator(me);
                if (OpenSda.Orbits.Sgp4.Sgp4ErrorExtensions.HasState(prop.Propagate(WebCatalogSnapshot.ToJulian(tca), out StateVector sv)))
                    states[el.NoradId] = (tree.Transform(sv, tree.Teme, tree.Gcrf, WebCatalogSnapshot.ToInstant(tca)), input, el.Name, tca.Subtract(Utc(el.Epoch)).TotalDays, false);
            }
        }
        WebCatalogSnapshot? snap = null;
        foreach (var n in new[] { v.PrimaryNoradId, v.SecondaryNoradId })
        {
            if (states.ContainsKey(n)) continue;
            snap ??= await cache.GetAsync(caller, ct).ConfigureAwait(false);
            if (snap.StateOf(n, tca, tree.Gcrf) is { } s && snap.IndexOf.TryGetValue(n, out var oi))
            {
                var o = snap.Objects[oi];
                var eph = o.Kind == "ephemeris";
                states[n] = (s, "preferred source", o.Name, eph ? 0 : tca.Subtract(Utc(o.Epoch)).TotalDays, eph);
            }
        }
        if (!states.TryGetValue(v.PrimaryNoradId, out var p) || !states.TryGetValue(v.SecondaryNoradId, out var q)) return null;

        var rp = p.State.PositionKm;
        var vp = p.State.VelocityKmS;
        var dr = q.State.PositionKm - rp;
        var dv = q.State.VelocityKmS - vp;
        var (ur, ut, un) = Rtn(p.State);
        double[] rtn = [Vec3.Dot(dr, ur), Vec3.Dot(dr, ut), Vec3.Dot(dr, un)];
        double[] vrtn = [Vec3.Dot(dv, ur), Vec3.Dot(dv, ut), Vec3.Dot(dv, un)];
        // Encounter plane: z along the relative velocity, x along the miss component normal to it.
        var z = dv.Unit;
        var perp = dr - Vec3.Dot(dr, z) * z;
        var x = perp.Norm > 1e-12 ? perp.Unit : Vec3.Cross(z, ur).Unit;
        var y = Vec3.Cross(z, x);
        double[] missPlane = [Vec3.Dot(dr, x), Vec3.Dot(dr, y)];
        // Combined covariance in GCRF: sum over both objects of R_rtn diag(σ²) R_rtnᵀ, then projected onto (x, y);
        // σ from the default covariance model (the model of the screening Pc), by object kind and element-set age.
        double[] Sigma((StateVector State, string Source, string? Name, double AgeDays, bool Ephemeris) o)
        {
            var m = DefaultCovarianceModel.SigmasRtnM(EventProbability.KindFromName(o.Name), o.AgeDays);
            return [m.X / 1000, m.Y / 1000, m.Z / 1000];
        }
        var cov = new double[3, 3];
        foreach (var obj in new[] { p, q })
        {
            var st = obj.State;
            var sigma = Sigma(obj);
            var (a, b, cc) = Rtn(st);
            Vec3[] axes = [a, b, cc];
            for (var k = 0; k < 3; k++)
            {
                var s2 = sigma[k] * sigma[k];
                var u = axes[k];
                double[] uu = [u.X, u.Y, u.Z];
                for (var i = 0; i < 3; i++)
                    for (var j = 0; j < 3; j++) cov[i, j] += s2 * uu[i] * uu[j];
            }
        }
        double Proj(Vec3 a, Vec3 b)
        {
            double[] aa = [a.X, a.Y, a.Z], bb = [b.X, b.Y, b.Z];
            var sum = 0.0;
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 3; j++) sum += aa[i] * cov[i, j] * bb[j];
            return sum;
        }
        double cxx = Proj(x, x), cxy = Proj(x, y), cyy = Proj(y, y);
        var tr = (cxx + cyy) / 2;
        var det = Math.Sqrt(Math.Max(0, (cxx - cyy) * (cxx - cyy) / 4 + cxy * cxy));
        var l1 = tr + det;
        var l2 = Math.Max(0, tr - det);
        var angle = 0.5 * Math.Atan2(2 * cxy, cxx - cyy) * 180 / Math.PI;
        string? NameOf(int n) => snap != null && snap.IndexOf.TryGetValue(n, out var i) ? snap.Objects[i].Name : null;
        string Label((StateVector State, string Source, string? Name, double AgeDays, bool Ephemeris) o) =>
            ModelLabel(EventProbability.KindFromName(o.Name), o.AgeDays, o.Ephemeris);
        EncounterObject Obj(int n, (StateVector State, string Source, string? Name, double AgeDays, bool Ephemeris) s) => new(n, NameOf(n) ?? s.Name, s.Source,
            [s.State.PositionKm.X, s.State.PositionKm.Y, s.State.PositionKm.Z], [s.State.VelocityKmS.X, s.State.VelocityKmS.Y, s.State.VelocityKmS.Z], Sigma(s), Label(s));
        var pcSource = v.Pc is null ? "none"
            : v.Source == "CDM" ? "from the ingested CDM (its provider's covariance, not stored)"
            : $"Pc2D with the default covariance model ({Label(p)}; {Label(q)}), indicative";
        return new Geometry(v.Id, v.Tca, v.MissKm, v.Pc, dv.Norm, rtn, vrtn, missPlane, [cxx, cxy, cyy], [Math.Sqrt(l1), Math.Sqrt(l2)], angle,
            $"default covariance model ({Label(p)}; {Label(q)}): the stored conjunction carries no covariance",
            Obj(v.PrimaryNoradId, p), Obj(v.SecondaryNoradId, q), v.Releasability, pcSource);
    }

    private static DateTime Utc(string iso) => DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    internal static (Vec3 R, Vec3 T, Vec3 N) Rtn(StateVector s)
    {
        var r = s.PositionKm.Unit;
        var n = Vec3.Cross(s.PositionKm, s.VelocityKmS).Unit;
        return (r, Vec3.Cross(n, r), n);
    }
}

/// <summary>Writes a CCSDS 508.0-B-1 Conjunction Data Message (KVN) for a stored conjunction and its geometry.</summary>
internal static class WebCdm
{
    public static string Kvn(ConjunctionView c, WebApi.Geometry g)
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        void Kv(string k, string v) => sb.Append(ci, $"{k,-36} = {v}\n");
        string F(double d) => d.ToString("0.000000###", ci);
        string Epoch(string iso) => DateTime.Parse(iso, ci, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", ci);
        Kv("CCSDS_CDM_VERS", "1.0");
        sb.Append(ci, $"COMMENT OpenSDA conjunction {c.Id}; releasability {c.Releasability}; data mode {c.DataMode}\n");
        Kv("CREATION_DATE", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", ci));
        Kv("ORIGINATOR", c.Originator);
        Kv("MESSAGE_ID", $"OPENSDA-CONJ-{c.Id}");
        Kv("TCA", Epoch(c.Tca));
        Kv("MISS_DISTANCE", F(c.MissKm * 1000) + " [m]");
        Kv("RELATIVE_SPEED", F(g.RelativeSpeedKmS * 1000) + " [m/s]");
        Kv("RELATIVE_POSITION_R", F(g.MissRtnKm[0] * 1000) + " [m]");
        Kv("RELATIVE_POSITION_T", F(g.MissRtnKm[1] * 1000) + " [m]");
        Kv("RELATIVE_POSITION_N", F(g.MissRtnKm[2] * 1000) + " [m]");
        Kv("RELATIVE_VELOCITY_R", F(g.RelativeVelocityRtnKmS[0] * 1000) + " [m/s]");
        Kv("RELATIVE_VELOCITY_T", F(g.RelativeVelocityRtnKmS[1] * 1000) + " [m/s]");
        Kv("RELATIVE_VELOCITY_N", F(g.RelativeVelocityRtnKmS[2] * 1000) + " [m/s]");
        if (c.Pc is { } pc) Kv("COLLISION_PROBABILITY", pc.ToString("0.######E+00", ci));
        var k = 0;
        foreach (var o in new[] { g.Primary, g.Secondary })
        {
            k++;
            sb.Append(ci, $"COMMENT state from {o.Source}; covariance: default covariance model ({o.CovarianceModel}), the stored conjunction carries none\n");
            Kv("OBJECT", $"OBJECT{k}");
            Kv("OBJECT_DESIGNATOR", o.NoradId.ToString(ci));
            Kv("CATALOG_NAME", "SATCAT");
            Kv("OBJECT_NAME", string.IsNullOrWhiteSpace(o.Name) ? "UNKNOWN" : o.Name);
            Kv("INTERNATIONAL_DESIGNATOR", "UNKNOWN");
            Kv("EPHEMERIS_NAME", "NONE");
            Kv("COVARIANCE_METHOD", "DEFAULT");
            Kv("MANEUVERABLE", "N/A");
            Kv("REF_FRAME", "EME2000");
            Kv("X", F(o.PositionGcrfKm[0]) + " [km]");
            Kv("Y", F(o.PositionGcrfKm[1]) + " [km]");
            Kv("Z", F(o.PositionGcrfKm[2]) + " [km]");
            Kv("X_DOT", F(o.VelocityGcrfKmS[0]) + " [km/s]");
            Kv("Y_DOT", F(o.VelocityGcrfKmS[1]) + " [km/s]");
            Kv("Z_DOT", F(o.VelocityGcrfKmS[2]) + " [km/s]");
            double sr = o.SigmaRtnKm[0] * 1000, st = o.SigmaRtnKm[1] * 1000, sn = o.SigmaRtnKm[2] * 1000;
            var names = new[] { "CR_R", "CT_R", "CT_T", "CN_R", "CN_T", "CN_N", "CRDOT_R", "CRDOT_T", "CRDOT_N", "CRDOT_RDOT",
                "CTDOT_R", "CTDOT_T", "CTDOT_N", "CTDOT_RDOT", "CTDOT_TDOT", "CNDOT_R", "CNDOT_T", "CNDOT_N", "CNDOT_RDOT", "CNDOT_TDOT", "CNDOT_NDOT" };
            foreach (var name in names)
            {
                var value = name switch { "CR_R" => sr * sr, "CT_T" => st * st, "CN_N" => sn * sn, "CRDOT_RDOT" or "CTDOT_TDOT" or "CNDOT_NDOT" => 1e-6, _ => 0.0 };
                Kv(name, value.ToString("0.000000E+00", ci) + (name.Contains("DOT_", StringComparison.Ordinal) && name.EndsWith("DOT", StringComparison.Ordinal) ? " [m**2/s**2]" : name.Contains("DOT", StringComparison.Ordinal) ? " [m**2/s]" : " [m**2]"));
            }
        }
        return sb.ToString();
    }
}
