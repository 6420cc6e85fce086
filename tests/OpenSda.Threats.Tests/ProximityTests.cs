using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using Xunit.Abstractions;

namespace OpenSda.Threats.Tests;

public class ProximityTests(ITestOutputHelper output)
{
    private static MeanElements Iss => Data.Catalog20241101.Single(e => e.CatalogNumber == 25544);

    [Fact]
    public void Box_and_ellipsoid_keep_out_volumes_scale_by_their_norms()
    {
        var box = new RtnBox(1, 10, 5);
        Assert.Equal(1.0, box.Scale(new Vec3(1, 10, 5)));
        Assert.True(box.Contains(new Vec3(0.9, -9, 4.9)));
        Assert.False(box.Contains(new Vec3(0, 0, 5.1)));
        var ell = new RtnEllipsoid(1, 10, 5);
        Assert.Equal(Math.Sqrt(3), ell.Scale(new Vec3(1, 10, 5)), 12);
        Assert.False(ell.Contains(new Vec3(0.9, -9, 4.9)));
        Assert.Equal(0.5, ell.Scale(new Vec3(0, -5, 0)), 12);
    }

    [Fact]
    public void A_synthetic_crossing_object_is_found_at_the_designed_time_range_and_speed()
    {
        // An object built to pass 0.2 km radially above the ISS at t_c, on a plane rotated by 10°: relative speed
        // 2·v·sin(5°) ≈ 1.34 km/s.
        var iss = Iss;
        var from = Data.Utc("2024-11-01T00:00:00Z");
        var tc = from.AddSeconds(30_000);
        var p = new Sgp4Propagator(iss);
        p.Propagate(tc.ToJulianDate(Data.Scales.Utc), out var r, out var v);
        var frame = RtnFrame.Of(r, v);
        var angle = 10 * Math.PI / 180;
        var v2 = Math.Cos(angle) * v + Math.Sin(angle) * v.Norm * frame.N;
        var crosser = MeanElementFit.FromState(r + 0.2 * frame.R, v2, tc.ToJulianDate(Data.Scales.Utc), iss with { CatalogNumber = 99001, Name = "CROSSER" })!;
        var reports = ProximityAnalyzer.Analyze(new WatchList([new ProtectedAsset(25544, new RtnBox(0.75, 25, 25))]),
            [iss, crosser], from, from.AddSeconds(86_400), Data.Scales);
        var rep = Assert.Single(reports);
        Assert.Equal(99001, rep.CatalogNumber);
        // The nearest approach is within a second and a few metres of the design (the offset is radial, the motion is not).
        Assert.True(Math.Abs(rep.Closest.Time.SecondsSince(tc)) < 1, $"{rep.Closest.Time.SecondsSince(tc)} s");
        Assert.Equal(0.2, rep.Closest.RangeKm, 0.01);
        Assert.Equal(2 * v.Norm * Math.Sin(angle / 2), rep.Closest.RelativeSpeedKmS, 0.01);
        // Same period, crossing planes: they meet again near each node, every half revolution, until the 0.2 km
        // difference in semi-major axis drifts them apart; the designed crossing is one of those entries.
        var entry = Assert.Single(rep.KeepOutEntries, e => e.Entry < tc && e.Exit > tc);
        // Through a box of ±25 km cross-track at 1.34 km/s: about 2·25/1.34 ≈ 37 s.
        Assert.InRange((entry.Exit - entry.Entry).TotalSeconds, 20, 45);
        Assert.False(rep.CoOrbital);
        Assert.Contains(rep.Timeline, s => s.Time == rep.Closest.Time);
    }

    [Fact]
    public void A_synthetic_co_orbital_object_behind_and_lower_is_drifting_towards_the_asset()
    {
        // 3° behind at the element epoch (2° at the window start, 10 h later), 2 km lower: it moves faster
        // (Δn/n = 1.5·Δa/a, 2.5° a day) and catches the station up within the week: behind (phase < 0) with Δn > 0 is
        // drifting towards, and the closest approach is about the 2 km height difference, about 0.8 d after the start.
        var iss = Iss;
        var a = OrbitGeometry.SemiMajorAxisKm(iss.MeanMotionRevPerDay);
        var chaser = iss with
        {
            CatalogNumber = 99002,
            Name = "CHASER",
            MeanAnomalyDeg = iss.MeanAnomalyDeg - 3,
            MeanMotionRevPerDay = Math.Sqrt(OrbitMath.Mu / Math.Pow(a - 2, 3)) * 86_400 / (2 * Math.PI),
        };
        var from = Data.Utc("2024-11-01T00:00:00Z");
        var reports = ProximityAnalyzer.Analyze(new WatchList([new ProtectedAsset(25544, new RtnEllipsoid(2, 10, 10))]),
            [iss, chaser], from, from.AddSeconds(7 * 86_400), Data.Scales, new ProximityOptions { ApproachRangeKm = 5 });
        var rep = Assert.Single(reports);
        Assert.True(rep.CoOrbital);
        Assert.True(rep.DriftingTowards);
        Assert.True(rep.PhaseAngleDeg < 0);
        Assert.Equal(-2, rep.DeltaSmaKm, 0.2);
        Assert.InRange(rep.Closest.RangeKm, 1, 3.5);
        Assert.InRange(rep.Closest.Time.SecondsSince(from) / 86_400, 0.5, 1.2);
        Assert.True(rep.Closest.RelativeSpeedKmS < 0.01);
        output.WriteLine($"score {rep.ThreatScore:F1} closest {rep.Closest.RangeKm:F2} km at {rep.Closest.Time.ToIsoString(Data.Scales.Utc, 0)}");
    }

    [Fact]
    public void Vehicles_docked_to_the_iss_rank_first_as_co_orbital_recurring_keep_out_entries()
    {
        // 2024-11-01: Soyuz MS-26, Progress MS-28 and MS-29 and Crew Dragon 9 (Crew-9) were docked to the ISS; their
        // element sets coincide with the station's within the GP accuracy.
        var from = Data.Utc("2024-11-01T00:00:00Z");
        var reports = ProximityAnalyzer.Analyze(new WatchList([new ProtectedAsset(25544, new RtnBox(2, 25, 25))]),
            Data.Catalog20241101, from, from.AddSeconds(86_400), Data.Scales);
        foreach (var r in reports.Take(8))
            output.WriteLine($"{r.CatalogNumber} {r.Name} score {r.ThreatScore:F1} min {r.Closest.RangeKm:F2} km rel {r.Closest.RelativeSpeedKmS:F3} km/s co-orbital {r.CoOrbital} approaches {r.Approaches.Count} entries {r.KeepOutEntries.Count}");
        var top = reports.Take(4).ToList();
        Assert.All(top, r => Assert.True(r.CoOrbital && r.KeepOutEntries.Count > 0 && r.Closest.RangeKm < 25, r.Name));
        Assert.All(top, r => Assert.Matches("SOYUZ|PROGRESS|DRAGON|CYGNUS|ISS", r.Name ?? ""));
        Assert.All(reports, r => Assert.InRange(r.ThreatScore, 0, 100));
    }
}
