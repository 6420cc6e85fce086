using OpenSda.Mathematics;
using OpenSda.Screening;

namespace OpenSda.Screening.Tests;

/// <summary>Classical Keplerian elements at the window start (km, rad).</summary>
public readonly record struct KeplerOrbit(double SemiMajorAxisKm, double Eccentricity, double InclinationRad,
    double RaanRad, double ArgPerigeeRad, double MeanAnomalyAtStartRad)
{
    public double MeanMotionRadS => Math.Sqrt(OrbitBounds.MuKm3S2 / (SemiMajorAxisKm * SemiMajorAxisKm * SemiMajorAxisKm));

    /// <summary>Two-body state at t seconds from the window start (Vallado, Fundamentals, Alg. 10 COE2RV).</summary>
    public void State(double t, out Vec3 r, out Vec3 v)
    {
        var a = SemiMajorAxisKm; var e = Eccentricity;
        var m = MeanAnomalyAtStartRad + MeanMotionRadS * t;
        m = Math.IEEERemainder(m, 2 * Math.PI);
        var ea = e < 0.8 ? m : Math.PI;
        for (var k = 0; k < 50; k++)
        {
            var dE = (ea - e * Math.Sin(ea) - m) / (1 - e * Math.Cos(ea));
            ea -= dE;
            if (Math.Abs(dE) < 1e-15) break;
        }
        var (sE, cE) = Math.SinCos(ea);
        var b = a * Math.Sqrt(1 - e * e);
        // Perifocal position and velocity.
        var px = a * (cE - e); var py = b * sE;
        var rr = a * (1 - e * cE);
        var edot = MeanMotionRadS / (1 - e * cE);
        var vx = -a * sE * edot; var vy = b * cE * edot;
        var (sO, cO) = Math.SinCos(RaanRad); var (sw, cw) = Math.SinCos(ArgPerigeeRad); var (si, ci) = Math.SinCos(InclinationRad);
        Vec3 P = new(cO * cw - sO * sw * ci, sO * cw + cO * sw * ci, sw * si);
        Vec3 Q = new(-cO * sw - sO * cw * ci, -sO * sw + cO * cw * ci, cw * si);
        r = px * P + py * Q;
        v = vx * P + vy * Q;
        _ = rr;
    }
}

/// <summary>An exact two-body propagator for synthetic encounters with known truth.</summary>
public sealed class KeplerPropagator(IReadOnlyList<KeplerOrbit> orbits) : IScreeningPropagator
{
    public int Count => orbits.Count;

    public void PropagateSamples(ReadOnlySpan<double> secondsFromStart, ReadOnlySpan<int> objects,
        Span<double> xKm, Span<double> yKm, Span<double> zKm, Span<int> errors, int maxDegreeOfParallelism)
    {
        var n = Count;
        for (var k = 0; k < secondsFromStart.Length; k++)
            foreach (var i in objects)
            {
                orbits[i].State(secondsFromStart[k], out var r, out _);
                xKm[k * n + i] = r.X; yKm[k * n + i] = r.Y; zKm[k * n + i] = r.Z; errors[k * n + i] = 0;
            }
    }

    public int Propagate(int obj, double secondsFromStart, out Vec3 positionKm, out Vec3 velocityKmS)
    {
        orbits[obj].State(secondsFromStart, out positionKm, out velocityKmS);
        return 0;
    }

    /// <summary>Engine input for these orbits, numbered 1, 2, ….</summary>
    public static ScreeningInput Input(params KeplerOrbit[] orbits)
    {
        var objs = orbits.Select((o, i) => new ScreenedObject(i + 1, $"OBJ{i + 1}", null, new OpenSda.Time.JulianDate(2460615.5, 0))).ToArray();
        var bounds = orbits.Select(o => new OrbitBounds(o.SemiMajorAxisKm * (1 - o.Eccentricity), o.SemiMajorAxisKm * (1 + o.Eccentricity), 1.0,
            2 * Math.PI / o.MeanMotionRadS >= 225 * 60)).ToArray();
        return new ScreeningInput { Objects = objs, Bounds = bounds, Propagator = new KeplerPropagator(orbits) };
    }
}
