using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpenSda.Storage;

namespace OpenSda.Server;

/// <summary>
/// The hook the screening engine plugs into: screen what the run's owner may see and record each
/// conjunction through <see cref="OpenSdaStore.RecordDerivedConjunctionAsync"/>, which computes its marking.
/// Returns the number of conjunctions recorded.
/// </summary>
public interface IScreeningEngine
{
    Task<int> ScreenAsync(OpenSdaStore store, Caller owner, long runId, double thresholdKm, Func<double, Task> progress, CancellationToken ct);
}

/// <summary>
/// Stand-in engine until the screening library lands: finds close approaches between the operator
/// ephemerides the owner may see. For each pair of objects whose ephemerides overlap in time, it samples
/// the first one's epochs inside the overlap, interpolates the other linearly in time (adequate for the
/// minute-spaced OEMs it is meant for, not a substitute for the real screening), and records the closest
/// sample under the threshold.
/// </summary>
internal sealed class EphemerisScreeningEngine : IScreeningEngine
{
    public async Task<int> ScreenAsync(OpenSdaStore store, Caller owner, long runId, double thresholdKm, Func<double, Task> progress, CancellationToken ct)
    {
        var ephs = await store.EphemeridesForScreeningAsync(owner, ct).ConfigureAwait(false);
        var found = 0;
        var pairs = ephs.Count * (ephs.Count - 1) / 2;
        var done = 0;
        for (var i = 0; i < ephs.Count; i++)
        {
            for (var j = i + 1; j < ephs.Count; j++, done++)
            {
                ct.ThrowIfCancellationRequested();
                var a = ephs[i];
                var b = ephs[j];
                if (a.NoradId == b.NoradId) continue;
                var best = Closest(a.Points, a.Start, b.Points, b.Start);
                if (best is not { } m || m.Miss > thresholdKm) continue;
                await store.RecordDerivedConjunctionAsync(owner, new DerivedConjunction(
                    a.NoradId, b.NoradId, m.Time, m.Miss, null, m.RelSpeed, [a.Ref, b.Ref], runId), ct).ConfigureAwait(false);
                found++;
            }
            if (pairs > 0) await progress((double)done / pairs).ConfigureAwait(false);
        }
        return found;
    }

    internal static (DateTime Time, double Miss, double RelSpeed)? Closest(IReadOnlyList<double[]> a, DateTime a0, IReadOnlyList<double[]> b, DateTime b0)
    {
        (DateTime, double, double)? best = null;
        var offset = (b0 - a0).TotalSeconds; // b's time axis in a's seconds
        var k = 0;
        Span<double> q = stackalloc double[7];
        foreach (var p in a)
        {
            var t = p[0] - offset; // in b's seconds
            if (t < b[0][0] || t > b[^1][0]) continue;
            while (k + 1 < b.Count && b[k + 1][0] < t) k++;
            var q0 = b[k];
            var q1 = b[Math.Min(k + 1, b.Count - 1)];
            var f = q1[0] > q0[0] ? (t - q0[0]) / (q1[0] - q0[0]) : 0;
            for (var c = 1; c < 7; c++) q[c] = q0[c] + f * (q1[c] - q0[c]);
            double dx = p[1] - q[1], dy = p[2] - q[2], dz = p[3] - q[3];
            double dvx = p[4] - q[4], dvy = p[5] - q[5], dvz = p[6] - q[6];
            var d = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            if (best == null || d < best.Value.Item2)
                best = (a0.AddSeconds(p[0]), d, Math.Sqrt(dvx * dvx + dvy * dvy + dvz * dvz));
        }
        return best;
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
                    var threshold = 5.0;
                    if (run != null && JsonDocument.Parse(run.Parameters).RootElement.TryGetProperty("thresholdKm", out var t)) threshold = t.GetDouble();
                    await store.UpdateScreeningRunAsync(runId, "running", 0, null, 0, false, stoppingToken).ConfigureAwait(false);
                    var n = await engine.ScreenAsync(store, owner, runId, threshold,
                        p => store.UpdateScreeningRunAsync(runId, "running", p, null, 0, false, stoppingToken), stoppingToken).ConfigureAwait(false);
                    await store.UpdateScreeningRunAsync(runId, "done", 1, $"{n} conjunctions under {threshold} km", n, true, stoppingToken).ConfigureAwait(false);
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
