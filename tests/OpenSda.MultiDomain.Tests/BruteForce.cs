using OpenSda.Frames;
using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.MultiDomain.Tests;

/// <summary>
/// The reference method of the window-accuracy tests: every second of 24 h, SGP4 with the scalar propagator, the full
/// IAU-76/FK5 TEME → ITRF chain of <see cref="FrameTree"/> (with polar motion and UT1 interpolated at every second), and
/// crossings located by linear interpolation between the two seconds that bracket them.
/// </summary>
internal static class BruteForce
{
    public const int Seconds = 86_400;

    private static readonly Lazy<FrameTransform[]> Transforms = new(() =>
    {
        var frames = new FrameTree(TestCatalog.Scales);
        var t0 = TestCatalog.Snapshot;
        var result = new FrameTransform[Seconds + 1];
        for (var s = 0; s <= Seconds; s++)
            result[s] = frames.GetTransform(frames.Teme, frames.Itrf, t0.AddSeconds(s));
        return result;
    });

    /// <summary>ITRF positions at every second from the snapshot (NaN after an SGP4 error).</summary>
    public static Vec3[] Itrf(MeanElements elements)
    {
        var p = new Sgp4Propagator(elements);
        var t0 = TestCatalog.Snapshot.ToJulianDate(TestCatalog.Scales.Utc);
        var tr = Transforms.Value;
        var result = new Vec3[Seconds + 1];
        var offset = t0.MinutesSince(p.EpochUtc);
        for (var s = 0; s <= Seconds; s++)
        {
            var e = p.Propagate(offset + s / 60.0, out var r, out _);
            result[s] = e == Sgp4Error.None ? tr[s].TransformPosition(r) : new Vec3(double.NaN, double.NaN, double.NaN);
        }
        return result;
    }

    /// <summary>Intervals where <paramref name="f"/> &gt; 0, with interpolated ends; ends at the window edges are the edges.</summary>
    public static List<(double Start, double End)> Intervals(double[] f)
    {
        var result = new List<(double, double)>();
        double? start = f[0] > 0 ? 0 : null;
        for (var s = 0; s < f.Length - 1; s++)
        {
            if (f[s] <= 0 && f[s + 1] > 0) start = s + f[s] / (f[s] - f[s + 1]);
            else if (f[s] > 0 && f[s + 1] <= 0)
            {
                result.Add((start!.Value, s + f[s] / (f[s] - f[s + 1])));
                start = null;
            }
        }
        if (start is { } st) result.Add((st, f.Length - 1));
        return result;
    }
}
