using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpenSda.Formats.Ccsds.Common;
using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Ephemeris;
using OpenSda.Screening;
using OpenSda.Screening.Reporting;
using OpenSda.Server.Api;
using OpenSda.Storage;
using OpenSda.Time;

namespace OpenSda.Server;

/// <summary>What a screening run asks for: the threshold and the window (default: 24 h from now).</summary>
public sealed record ScreeningParameters(double ThresholdKm, DateTime? StartUtc, double? DurationHours)
{
    /// <summary>Reads the run's stored parameters (<c>thresholdKm</c>, <c>start</c>, <c>durationHours</c>).</summary>
    public static ScreeningParameters Parse(string? json)
    {
        double threshold = 5.0; DateTime? start = null; double? hours = null;
        if (!string.IsNullOrWhiteSpace(json))
        {
            var root = JsonDocument.Parse(json).RootElement;
            if (root.TryGetProperty("thresholdKm", out var t) && t.ValueKind == JsonValueKind.Number) threshold = t.GetDouble();
            if (root.TryGetProperty("start", out var s) && s.ValueKind == JsonValueKind.String && s.TryGetDateTime(out var st)) start = st.ToUniversalTime();
            if (root.TryGetProperty("durationHours", out var h) && h.ValueKind == JsonValueKind.Number) hours = h.GetDouble();
        }
        return new ScreeningParameters(threshold, start, hours);
    }
}

/// <summary>
/// The hook the screening engine plugs into: screen what the run's owner may see and record each
/// conjunction through <see cref="OpenSdaStore.RecordDerivedConjunctionAsync"/>, which computes its marking.
/// Returns the number of conjunctions recorded.
/// </summary>
public interface IScreeningEngine
{
    Task<int> ScreenAsync(OpenSdaStore store, Caller owner, long runId, ScreeningParameters parameters, Func<double, Task> progress, CancellationToken ct);
}

/// <summary>
/// The server's screening: the leak-proof engine of <c>OpenSda.Screening</c> (<see cref="ConjunctionScreener"/>) on
/// everything the run's owner may see (<see cref="OpenSdaStore.ScreeningCatalogAsync"/>): each object's current element
/// set (newest epoch) propagated with SGP4, and, where the owner may see one, its current operator ephemeris standing in
/// for it over the ephemeris's span (operator ephemeris over TLE). Ephemerides are read in their declared time system and
/// reference frame and rotated to TEME with the Core <see cref="FrameTree"/>, then interpolated by Lagrange polynomials of
/// degree 7 (the store keeps the states, not the OEM's INTERPOLATION keywords). The window is the run's
/// (<c>start</c>, <c>durationHours</c>) or 24 h from now by the injected <see cref="TimeProvider"/>.
/// Each event gets Pc2D (Foster 1992, CARA conventions) from the documented default covariance model by object kind and
/// element-set age (<see cref="EventProbability"/>): indicative, and the run's message says so. Each conjunction is recorded
/// with the records actually used at TCA as its lineage, so its marking is the intersection of theirs; alerts for
/// watch-listed objects follow from the store. Runs on a pool thread and honours cancellation.
/// </summary>
internal sealed class CatalogScreeningEngine(TimeProvider clock, ILogger<CatalogScreeningEngine> log) : IScreeningEngine
{
    private static readonly TimeScales Scales = TimeScales.Bundled;
    private static readonly FrameTree Frames = new(Scales);

    /// <summary>Degree of the Lagrange interpolation of stored ephemerides.</summary>
    public const int InterpolationDegree = 7;

    public async Task<int> ScreenAsync(OpenSdaStore store, Caller owner, long runId, ScreeningParameters parameters, Func<double, Task> progress, CancellationToken ct)
    {
        var catalog = await store.ScreeningCatalogAsync(owner, ct).ConfigureAwait(false);
        var start = parameters.StartUtc ?? clock.GetUtcNow().UtcDateTime;
        var hours = parameters.DurationHours is > 0 and <= 24 * 7 ? parameters.DurationHours.Value : 24.0;
        var elements = catalog.Elsets.Select(WebCatalogSnapshot.ToElements).ToList();
        var elsetOf = catalog.Elsets.GroupBy(e => (int)e.NoradId).ToDictionary(g => g.Key, g => g.First());
        var ephemerides = new List<EphemerisObject>();
        var ephOf = new Dictionary<int, ScreeningEphemeris>();
        foreach (var e in catalog.Ephemerides)
        {
            if (ToEphemeris(e, out var source, out var error))
            {
                ephemerides.Add(new EphemerisObject((int)e.NoradId, e.ObjectName, null, source));
                ephOf[(int)e.NoradId] = e;
            }
            else log.LogWarning("Screening run {RunId}: ephemeris {Id} left out: {Error}", runId, e.Id, error);
        }
        var options = new ScreeningOptions
        {
            StartUtc = JulianDate.FromCalendar(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second + (start.Ticks % TimeSpan.TicksPerSecond) / 1e7),
            Duration = TimeSpan.FromHours(hours),
            ThresholdKm = parameters.ThresholdKm,
        };
        var fraction = 0.0;
        var reporter = new Progress(v => { if (v.Stage == "refinement") Volatile.Write(ref fraction, v.Fraction); });
        var work = Task.Run(() =>
        {
            var input = ConjunctionScreener.CreateInput(elements, ephemerides, Scales, options);
            return (Input: input, Result: ScreeningEngine.Run(input, options, reporter, ct));
        }, ct);
        var last = -1.0;
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(500, ct)).ConfigureAwait(false);
            var f = Math.Round(0.9 * Volatile.Read(ref fraction), 3);
            if (f > last) { last = f; await progress(f).ConfigureAwait(false); }
        }
        var (screened, result) = await work.ConfigureAwait(false);
        var prop = screened.Propagator as CompositeScreeningPropagator;
        var indexOf = new Dictionary<int, int>();
        for (var i = 0; i < screened.Objects.Count; i++) indexOf.TryAdd(screened.Objects[i].CatalogNumber, i);
        // The record an object's position came from at TCA: its ephemeris inside the ephemeris's spans, else its element set.
        RecordRef Source(ScreenedObject o, double t)
        {
            var n = o.CatalogNumber;
            if (ephOf.TryGetValue(n, out var eph) && prop is not null)
            {
                if (!elsetOf.ContainsKey(n) || !indexOf.TryGetValue(n, out var index) || prop.Spans(index).Any(s => t >= s.FromSeconds && t <= s.ToSeconds))
                    return eph.Ref;
            }
            return elsetOf[n].Ref;
        }
        // Recorded in batches of 500 per transaction (marking, lineage, alerts and audit per conjunction).
        var found = 0;
        var recording = System.Diagnostics.Stopwatch.StartNew();
        var batch = new List<DerivedConjunction>(500);
        for (var i = 0; i < result.Events.Count; i++)
        {
            var e = result.Events[i];
            var pc = EventProbability.Pc2D(e).Pc;
            var tca = Instant.FromJulianDate(e.TcaUtc, Scales.Utc).ToDateTime(Scales.Utc).UtcDateTime;
            batch.Add(new DerivedConjunction(
                e.Primary.CatalogNumber, e.Secondary.CatalogNumber, tca, e.MissKm, double.IsFinite(pc) ? pc : null, e.RelativeSpeedKmS,
                [Source(e.Primary, e.TcaSecondsFromStart), Source(e.Secondary, e.TcaSecondsFromStart)], runId));
            if (batch.Count == 500 || i == result.Events.Count - 1)
            {
                ct.ThrowIfCancellationRequested();
                found += (await store.RecordDerivedConjunctionsAsync(owner, batch, ct).ConfigureAwait(false)).Count;
                batch.Clear();
                await progress(0.9 + 0.1 * (i + 1) / result.Events.Count).ConfigureAwait(false);
            }
        }
        log.LogInformation("Screening run {RunId}: {Objects} objects ({Ephemerides} with an ephemeris), {Events} events; screening {Seconds:F1} s, recording {RecordSeconds:F1} s",
            runId, result.Statistics.Objects, ephemerides.Count, found, result.Statistics.TotalTime.TotalSeconds, recording.Elapsed.TotalSeconds);
        return found;
    }

    private sealed class Progress(Action<(string Stage, double Fraction)> report) : IProgress<(string Stage, double Fraction)>
    {
        public void Report((string Stage, double Fraction) value) => report(value);
    }

    /// <summary>A stored ephemeris as a TEME source: epochs in its TIME_SYSTEM, states rotated from its REF_FRAME.</summary>
    internal static bool ToEphemeris(ScreeningEphemeris e, out IEphemerisSource source, out string? error)
    {
        source = null!;
        if (!CcsdsTimeSystems.TryResolve(e.TimeSystem, Scales, out var scale, out error)) return false;
        if (!CcsdsFrames.TryResolve(e.RefFrame, e.CenterName, Frames, out var frame, out error)) return false;
        var points = e.ParsePoints();
        var first = DateTime.Parse(e.Points.AsSpan(0, e.Points.IndexOf(',', StringComparison.Ordinal)).ToString(), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var t0 = Instant.FromDateTime(new DateTimeOffset(first, TimeSpan.Zero), scale);
        var times = new List<Instant>(points.Count);
        var states = new List<StateVector>(points.Count);
        foreach (var p in points)
        {
            var t = t0.AddSeconds(p[0]);
            if (times.Count > 0 && t <= times[^1]) continue;
            var s = new StateVector(new Vec3(p[1], p[2], p[3]), new Vec3(p[4], p[5], p[6]));
            times.Add(t);
            states.Add(ReferenceEquals(frame, Frames.Teme) ? s : Frames.Transform(s, frame, Frames.Teme, t));
        }
        if (times.Count < 2) { error = "fewer than two states"; return false; }
        source = new InterpolatedEphemeris(times, states, EphemerisInterpolation.Lagrange, InterpolationDegree);
        error = null;
        return true;
    }
}

/// <summary>Screening runs waiting for the worker.</summary>
internal sealed class ScreeningQueue(OpenSdaStore store, IOptions<ServerOptions> options, ILogger<ScreeningQueue> log)
{
    private readonly Channel<long> _runs = Channel.CreateUnbounded<long>();

    public ChannelReader<long> Reader => _runs.Reader;

    public void Enqueue(long runId) => _runs.Writer.TryWrite(runId);

    /// <summary>The after-ingest hook: when enabled, screens the catalog as the ingesting organisation may see it.</summary>
    public void AfterIngest(Caller caller)
    {
        if (!options.Value.ScreenAfterIngest) return;
        _ = Task.Run(async () =>
        {
            try { Enqueue((await store.StartScreeningRunAsync(caller, "{\"thresholdKm\":5,\"trigger\":\"ingest\"}").ConfigureAwait(false)).Id); }
            catch (StoreException e) { log.LogWarning("No screening after ingest: {Reason}", e.Message); }
        });
    }
}

internal sealed class ScreeningWorker(OpenSdaStore store, ScreeningQueue queue, IScreeningEngine engine, ILogger<ScreeningWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var runId in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var owner = await store.ScreeningRunOwnerAsync(runId, stoppingToken).ConfigureAwait(false);
                    if (owner == null) continue;
                    var run = await store.GetScreeningRunAsync(owner, runId, stoppingToken).ConfigureAwait(false);
                    var parameters = ScreeningParameters.Parse(run?.Parameters);
                    await store.UpdateScreeningRunAsync(runId, "running", 0, null, 0, false, stoppingToken).ConfigureAwait(false);
                    var n = await engine.ScreenAsync(store, owner, runId, parameters,
                        p => store.UpdateScreeningRunAsync(runId, "running", p, null, 0, false, stoppingToken), stoppingToken).ConfigureAwait(false);
                    await store.UpdateScreeningRunAsync(runId, "done", 1,
                        string.Create(CultureInfo.InvariantCulture, $"{n} conjunctions under {parameters.ThresholdKm} km; Pc is Pc2D with the default covariance model (indicative)"),
                        n, true, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Screening run {RunId} failed", runId);
                    await store.UpdateScreeningRunAsync(runId, "failed", 0, e.Message, 0, true, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}

/// <summary>
/// Scheduled screening (<see cref="ServerOptions.ScreenEvery"/>): on each tick of the injected clock, queues a run (5 km,
/// 24 h from the tick) for every organisation that watches at least one object, as that organisation may see the
/// catalog, unless its previous scheduled run has not finished. The worker stores the conjunctions with Pc and raises
/// the watch-list alerts.
/// </summary>
internal sealed class ScreeningScheduler(OpenSdaStore store, ScreeningQueue queue, IOptions<ServerOptions> options, TimeProvider clock,
    ILogger<ScreeningScheduler> log) : BackgroundService
{
    private readonly Dictionary<long, long> _lastRun = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ScreenEvery is not { } every || every <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try { await TickAsync(stoppingToken).ConfigureAwait(false); }
                catch (Exception e) when (e is StoreException or System.Data.Common.DbException)
                {
                    log.LogWarning("Scheduled screening skipped: {Reason}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    internal async Task TickAsync(CancellationToken ct)
    {
        var start = clock.GetUtcNow().UtcDateTime;
        foreach (var org in await store.WatchingOrganisationsAsync(ct).ConfigureAwait(false))
        {
            if (_lastRun.TryGetValue(org.OrgId, out var previous)
                && await store.GetScreeningRunAsync(org, previous, ct).ConfigureAwait(false) is { FinishedAt: null })
                continue; // still queued or running
            var parameters = string.Create(CultureInfo.InvariantCulture,
                $"{{\"thresholdKm\":5,\"start\":\"{start:yyyy-MM-ddTHH:mm:ssZ}\",\"durationHours\":24,\"trigger\":\"schedule\"}}");
            var run = await store.StartScreeningRunAsync(org, parameters, ct).ConfigureAwait(false);
            _lastRun[org.OrgId] = run.Id;
            queue.Enqueue(run.Id);
            log.LogInformation("Scheduled screening run {RunId} for {Org}", run.Id, org.OrgName);
        }
    }
}
