using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Time;
using Xunit.Abstractions;

namespace OpenSda.Threats.Tests;

public class SyntheticManeuverTests(ITestOutputHelper output)
{
    private static readonly JulianDate Start = JulianDate.FromCalendar(2024, 10, 1);

    /// <summary>Three LEO start orbits: ISS-like, Starlink-like, sun-synchronous.</summary>
    private static MeanElements Base(int kind) => new()
    {
        CatalogNumber = 90000 + kind,
        Name = "SYNTHETIC " + kind,
        EpochUtc = Start,
        MeanMotionRevPerDay = kind switch { 0 => 15.50, 1 => 15.06, _ => 14.30 },
        Eccentricity = kind switch { 0 => 0.0005, 1 => 0.0001, _ => 0.0012 },
        InclinationDeg = kind switch { 0 => 51.64, 1 => 53.05, _ => 98.6 },
        RaanDeg = 40 + 100 * kind,
        ArgPerigeeDeg = 80,
        MeanAnomalyDeg = 10 + 70 * kind,
        BStar = kind switch { 0 => 2e-4, 1 => 1e-4, _ => 5e-5 },
        MeanMotionDot = kind switch { 0 => 1e-4, 1 => 2e-5, _ => 2e-6 },
    };

    public sealed record Outcome(string Direction, double SizeMs, bool Detected, double EpochErrorS, double EstimatedDvMs);

    /// <summary>Runs the Monte Carlo: histories of 40 days, one set every 0.5 ± 0.25 d, manoeuvres from day 10 on, 8 d apart.</summary>
    internal static (List<Outcome> Outcomes, int Comparisons, int FalseAlarms) Run(int histories, int seed)
    {
        var random = new Random(seed);
        var outcomes = new List<Outcome>();
        int comparisons = 0, falseAlarms = 0;
        (string Dir, double Size)[] kinds = [("T", 0.01), ("T", 0.03), ("T", 0.1), ("T", 1), ("N", 0.1), ("N", 0.3), ("N", 1), ("R", 0.1), ("R", 0.3), ("R", 1)];
        var k = 0;
        for (var h = 0; h < histories; h++)
        {
            var epochs = new List<JulianDate>();
            for (var t = 0.5; t < 40; t += 0.25 + 0.5 * random.NextDouble()) epochs.Add(Start.AddDays(t));
            var injected = new List<(InjectedManeuver M, string Dir, double Size)>();
            for (var tm = 10 + 2 * random.NextDouble(); tm < 39; tm += 8 + 2 * random.NextDouble())
            {
                var (dir, size) = kinds[k++ % kinds.Length];
                var sign = random.Next(2) == 0 ? -1 : 1;
                var dv = dir switch { "T" => new Vec3(0, sign * size, 0), "N" => new Vec3(0, 0, sign * size), _ => new Vec3(sign * size, 0, 0) };
                injected.Add((new InjectedManeuver(Start.AddDays(tm), dv), dir, size));
            }
            var sets = SyntheticHistory.Generate(Base(h % 3), epochs, injected.Select(i => i.M).ToList(), ElementSetNoise.Typical, random);
            var report = ManeuverDetector.Analyze(sets, Data.Scales);
            comparisons += report.Comparisons.Count;
            foreach (var c in report.Comparisons.Where(c => c.Flagged))
            {
                var hit = injected.Any(i => Instant.FromJulianDate(i.M.TimeUtc, Data.Scales.Utc) is var t && t > c.PreviousEpoch && t <= c.Epoch);
                if (!hit) falseAlarms++;
            }
            foreach (var (m, dir, size) in injected)
            {
                var t = Instant.FromJulianDate(m.TimeUtc, Data.Scales.Utc);
                var ev = report.Events.FirstOrDefault(e => t > e.PreviousEpoch && t <= e.Epoch);
                // Epoch error; for burns that keep the period, modulo the period (see ManeuverEvent).
                var err = ev is null ? double.NaN : Math.Abs(ev.EstimatedTime.SecondsSince(t));
                if (ev is not null && dir != "T")
                {
                    var p = ev.PeriodMinutes * 60;
                    err = Math.Abs(err - p * Math.Round(err / p));
                }
                outcomes.Add(new Outcome(dir, size, ev is not null, err,
                                         ev?.DeltaVMs ?? double.NaN));
            }
        }
        return (outcomes, comparisons, falseAlarms);
    }

    [Fact]
    public void Injected_manoeuvres_of_1_m_s_are_all_detected_with_no_false_alarm_in_2800_quiet_comparisons()
    {
        // 36 histories × 40 days × ~2.7 sets/day; 140 manoeuvres of 0.01–1 m/s along-track, cross-track or radial.
        var (outcomes, comparisons, falseAlarms) = Run(histories: 36, seed: 7);
        foreach (var g in outcomes.GroupBy(o => (o.Direction, o.SizeMs)).OrderBy(g => g.Key.Direction).ThenBy(g => g.Key.SizeMs))
        {
            var det = g.Where(o => o.Detected).ToList();
            var epochErr = det.Count > 0 ? det.Select(o => o.EpochErrorS).Order().ElementAt(det.Count / 2) : double.NaN;
            var dvRatio = det.Count > 0 ? det.Select(o => o.EstimatedDvMs / o.SizeMs).Order().ElementAt(det.Count / 2) : double.NaN;
            output.WriteLine($"{g.Key.Direction} {g.Key.SizeMs,4} m/s: detected {det.Count}/{g.Count()}, median epoch error {epochErr:F0} s, median dv ratio {dvRatio:F2}");
        }
        output.WriteLine($"false alarms: {falseAlarms} of {comparisons} comparisons");
        double Rate(string dir, double size) => outcomes.Where(o => o.Direction == dir && o.SizeMs == size).Average(o => o.Detected ? 1.0 : 0.0);
        Assert.Equal(1.0, Rate("T", 1));
        Assert.Equal(1.0, Rate("T", 0.1));
        Assert.Equal(1.0, Rate("N", 1));
        Assert.Equal(1.0, Rate("R", 1));
        Assert.True(falseAlarms <= comparisons / 1000, $"{falseAlarms} false alarms");
        // Along-track burns of 1 m/s: epoch within 10 min (median) and Δv within 25 % (median).
        var t1 = outcomes.Where(o => o.Direction == "T" && o.SizeMs == 1).ToList();
        Assert.True(t1.Select(o => o.EpochErrorS).Order().ElementAt(t1.Count / 2) < 600);
        Assert.InRange(t1.Select(o => o.EstimatedDvMs).Order().ElementAt(t1.Count / 2), 0.75, 1.25);
    }
}
