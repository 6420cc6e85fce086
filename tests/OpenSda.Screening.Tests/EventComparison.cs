using OpenSda.Screening;
using OpenSda.Screening.Validation;
using Xunit.Abstractions;

namespace OpenSda.Screening.Tests;

/// <summary>Matches engine events with reference events and states the tolerances.</summary>
public static class EventComparison
{
    /// <summary>Miss distances must agree within 1 m.</summary>
    public const double MissToleranceKm = 1e-3;

    /// <summary>TCA within 1 ms when the relative speed is ≥ 0.1 km/s.</summary>
    public const double TcaToleranceS = 1e-3;

    /// <summary>For slower pairs the minimum is flat; TCA must still agree within this (s).</summary>
    public const double SlowTcaToleranceS = 5.0;

    public sealed record Report(int Matched, int Borderline, double MaxMissDiffKm, double MaxTcaDiffFastS, double MaxTcaDiffSlowS, double MaxRelSpeed);

    public static Report AssertSame(ScreeningInput input, ScreeningResult engine, IReadOnlyList<ReferenceEvent> reference,
        double thresholdKm, double durationS, ITestOutputHelper? output = null)
    {
        var index = new Dictionary<int, int>();
        for (var i = 0; i < input.Objects.Count; i++) index[input.Objects[i].CatalogNumber] = i;
        var eng = engine.Events.Select(e =>
        {
            int a = index[e.Primary.CatalogNumber], b = index[e.Secondary.CatalogNumber];
            return (A: Math.Min(a, b), B: Math.Max(a, b), T: e.TcaSecondsFromStart, Miss: e.MissKm, V: e.RelativeSpeedKmS);
        }).ToList();
        bool Borderline(double miss, double t) => Math.Abs(miss - thresholdKm) < MissToleranceKm || t < 0.01 || t > durationS - 0.01;
        var usedEngine = new bool[eng.Count];
        var byPair = eng.Select((e, k) => (e, k)).ToLookup(x => (x.e.A, x.e.B));
        int matched = 0, borderline = 0;
        double maxMiss = 0, maxTcaFast = 0, maxTcaSlow = 0, maxV = 0;
        var problems = new List<string>();
        foreach (var r in reference)
        {
            var best = byPair[(r.A, r.B)].Where(x => !usedEngine[x.k]).OrderBy(x => Math.Abs(x.e.T - r.T)).FirstOrDefault();
            var tol = r.RelSpeedKmS >= 0.1 ? TcaToleranceS : SlowTcaToleranceS;
            if (best.e == default || Math.Abs(best.e.T - r.T) > Math.Max(tol, 1.0))
            {
                if (Borderline(r.MissKm, r.T)) { borderline++; continue; }
                problems.Add($"missed by engine: {Describe(input, r.A, r.B)} T={r.T:F4}s miss={r.MissKm:F6} km v={r.RelSpeedKmS:F4}");
                continue;
            }
            usedEngine[best.k] = true;
            matched++;
            var dMiss = Math.Abs(best.e.Miss - r.MissKm);
            var dT = Math.Abs(best.e.T - r.T);
            maxMiss = Math.Max(maxMiss, dMiss);
            maxV = Math.Max(maxV, r.RelSpeedKmS);
            if (r.RelSpeedKmS >= 0.1) maxTcaFast = Math.Max(maxTcaFast, dT); else maxTcaSlow = Math.Max(maxTcaSlow, dT);
            if (dMiss > MissToleranceKm) problems.Add($"miss differs by {dMiss * 1000:F3} m: {Describe(input, r.A, r.B)} T={r.T:F4}");
            if (dT > tol) problems.Add($"TCA differs by {dT:F6} s (v={r.RelSpeedKmS:F4}): {Describe(input, r.A, r.B)} T={r.T:F4}");
        }
        for (var k = 0; k < eng.Count; k++)
        {
            if (usedEngine[k]) continue;
            var e = eng[k];
            if (Borderline(e.Miss, e.T)) { borderline++; continue; }
            problems.Add($"extra engine event: {Describe(input, e.A, e.B)} T={e.T:F4}s miss={e.Miss:F6} v={e.V:F4}");
        }
        var report = new Report(matched, borderline, maxMiss, maxTcaFast, maxTcaSlow, maxV);
        output?.WriteLine($"engine {eng.Count} events, reference {reference.Count}; {report}");
        foreach (var p in problems.Take(20)) output?.WriteLine(p);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        return report;
    }

    private static string Describe(ScreeningInput input, int a, int b)
        => $"{input.Objects[a].CatalogNumber}/{input.Objects[b].CatalogNumber}";
}
