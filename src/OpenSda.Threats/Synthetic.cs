using OpenSda.Mathematics;
using OpenSda.Orbits;
using OpenSda.Orbits.Sgp4;
using OpenSda.Time;

namespace OpenSda.Threats;

/// <summary>An impulsive manoeuvre to inject: time and Δv in the RTN frame of the state at that time (m/s).</summary>
public sealed record InjectedManeuver(JulianDate TimeUtc, Vec3 DeltaVRtnMs);

/// <summary>
/// One-sigma noise of synthetic element sets, applied to the mean elements: along-track position (km, as mean anomaly),
/// semi-major axis (km, as mean motion), eccentricity vector (each component), inclination and RAAN (degrees).
/// </summary>
public sealed record ElementSetNoise(double AlongTrackKm, double SemiMajorAxisKm, double Eccentricity, double InclinationDeg, double RaanDeg)
{
    /// <summary>
    /// Consecutive-set noise of LEO GP element sets: along-track 0.1 km, semi-major axis 3 m, eccentricity 5e-6,
    /// inclination and RAAN 3e-4°, chosen so that the residuals of synthetic histories resemble those of the real
    /// IRIDIUM 33 / COSMOS 2251 history before the collision (along-track 0.1–0.4 km over half a day, semi-major axis a
    /// few metres, inclination a few 1e-4°). Consecutive published sets share most of their tracking data, so they
    /// differ far less than their absolute error of about a kilometre.
    /// </summary>
    public static ElementSetNoise Typical { get; } = new(0.1, 0.003, 5e-6, 3e-4, 3e-4);
}

/// <summary>
/// Synthetic element-set histories with known manoeuvres, for testing detectors: the truth is SGP4 from a start set,
/// restarted at each manoeuvre from the state plus Δv (re-fitted with <see cref="MeanElementFit"/>); each published set
/// is the truth state at its epoch fitted to mean elements, with Gaussian noise added to those elements.
/// </summary>
public static class SyntheticHistory
{
    /// <summary>
    /// Generates element sets at <paramref name="epochs"/> (increasing UTC Julian dates after the start epoch).
    /// </summary>
    public static IReadOnlyList<MeanElements> Generate(MeanElements start, IReadOnlyList<JulianDate> epochs,
        IReadOnlyList<InjectedManeuver> maneuvers, ElementSetNoise noise, Random random)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(maneuvers);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(random);
        var arc = new Sgp4Propagator(start);
        var pending = new Queue<InjectedManeuver>(maneuvers.OrderBy(m => m.TimeUtc.Value));
        var result = new List<MeanElements>(epochs.Count);
        foreach (var t in epochs)
        {
            while (pending.Count > 0 && pending.Peek().TimeUtc.Value <= t.Value)
            {
                var m = pending.Dequeue();
                if (!OrbitMath.TryState(arc, m.TimeUtc, out var r, out var v)) throw new InvalidOperationException("truth arc failed");
                var v2 = v + RtnFrame.Of(r, v).FromRtn(m.DeltaVRtnMs / 1000);
                var fitted = MeanElementFit.FromState(r, v2, m.TimeUtc, arc.Elements)
                             ?? throw new InvalidOperationException("cannot fit the post-manoeuvre state");
                arc = new Sgp4Propagator(fitted);
            }
            if (!OrbitMath.TryState(arc, t, out var rt, out var vt)) throw new InvalidOperationException("truth arc failed");
            var fit = MeanElementFit.FromState(rt, vt, t, arc.Elements)
                      ?? throw new InvalidOperationException("cannot fit a synthetic element set");
            var a = OrbitGeometry.SemiMajorAxisKm(fit.MeanMotionRevPerDay) + Gauss(random) * noise.SemiMajorAxisKm;
            var w = fit.ArgPerigeeDeg * OrbitMath.Deg;
            var k = fit.Eccentricity * Math.Cos(w) + Gauss(random) * noise.Eccentricity;
            var h = fit.Eccentricity * Math.Sin(w) + Gauss(random) * noise.Eccentricity;
            var w2 = Math.Atan2(h, k);
            var meanAnomaly = fit.MeanAnomalyDeg * OrbitMath.Deg + (w - w2) + Gauss(random) * noise.AlongTrackKm / a;
            var set = fit with
            {
                MeanMotionRevPerDay = OrbitMath.MeanMotionRevPerDay(a),
                Eccentricity = Math.Sqrt(k * k + h * h),
                ArgPerigeeDeg = OrbitMath.Wrap(w2) / OrbitMath.Deg,
                MeanAnomalyDeg = OrbitMath.Wrap(meanAnomaly) / OrbitMath.Deg,
                InclinationDeg = fit.InclinationDeg + Gauss(random) * noise.InclinationDeg,
                RaanDeg = fit.RaanDeg + Gauss(random) * noise.RaanDeg,
            };
            result.Add(set with { ElementSetNumber = result.Count + 1 });
        }
        return result;
    }

    /// <summary>Standard normal deviate (Box–Muller).</summary>
    public static double Gauss(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
