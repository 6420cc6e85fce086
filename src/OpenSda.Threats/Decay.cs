using OpenSda.Orbits;
using OpenSda.Time;

namespace OpenSda.Threats;

/// <summary>Options of the decay estimator.</summary>
public sealed record DecayOptions
{
    /// <summary>Solar flux F10.7 (sfu) now, at which the drag is calibrated.</summary>
    public double F107Now { get; init; } = 150;

    /// <summary>Solar flux F10.7 (sfu) assumed for the rest of the life; the window spans ± <see cref="F107UncertaintySfu"/>.</summary>
    public double F107Future { get; init; } = 150;

    /// <summary>Half-width of the future solar-flux range, sfu.</summary>
    public double F107UncertaintySfu { get; init; } = 30;

    /// <summary>Smallest relative uncertainty of the drag calibration (the window's floor).</summary>
    public double MinimumCalibrationUncertainty { get; init; } = 0.2;

    /// <summary>Altitude (km) treated as re-entry: below it the remaining life is minutes.</summary>
    public double ReentryAltitudeKm { get; init; } = 120;

    /// <summary>Objects with perigee above this (km) are not estimated (lifetimes of decades or more).</summary>
    public double MaximumPerigeeKm { get; init; } = 1000;

    /// <summary>Give up integrating after this many years ("longer than").</summary>
    public double MaximumYears { get; init; } = 25;

    /// <summary>History used to fit the decay rate, days before the newest set.</summary>
    public double HistoryDays { get; init; } = 20;
}

/// <summary>
/// A re-entry estimate: nominal date and an uncertainty window (earliest, latest), or null dates when the object
/// outlives <see cref="DecayOptions.MaximumYears"/>. <see cref="Basis"/> says what calibrated the drag: "history" (a
/// fit of mean motion against time over several sets), "ndot" (the published ṅ/2 of the newest set) or "bstar".
/// </summary>
public sealed record DecayEstimate(
    int CatalogNumber, string? Name, Instant Epoch, double PerigeeKm, double ApogeeKm,
    double DecayRateRevPerDay2, double BallisticFactorM2Kg, string Basis,
    Instant? Nominal, Instant? Earliest, Instant? Latest, double? LifetimeDays, string? Note);

/// <summary>
/// Orbital lifetime and re-entry window from an element-set history.
/// </summary>
/// <remarks>
/// <para>Drag model: for a near-circular orbit, da/dt = −δ ρ(h) √(μ a) (King-Hele 1987, <i>Satellite Orbits in an
/// Atmosphere</i>, ch. 4; Vallado 2013 Eq. 9-47 averaged over a revolution), δ = C_D A/m. The density ρ(h) is the
/// exponential atmosphere of Vallado 2013, Table 8-4 (28 bands, 0–1000 km, ρ = ρ₀ exp(−(h − h₀)/H)), for mean solar
/// activity, scaled for solar flux F10.7 above 120 km as ρ(h, F) = ρ(h)·10^{(F − 150)/180 · (h − 120)/280}: one order
/// of magnitude per 180 sfu at 400 km, growing linearly with height (the thermosphere's response to the solar cycle,
/// e.g. Emmert 2015, Adv. Space Res. 56, Fig. 7, is roughly a decade at 400 km between solar minimum and maximum).
/// This is an empirical, documented simplification, not an atmosphere model.</para>
/// <para>Calibration: δ is solved from the observed decay of mean motion, ṅ = −(3/2)(n/a)·da/dt, at the current altitude and
/// flux; ṅ comes from a least-squares line through the mean motions of the last <see cref="DecayOptions.HistoryDays"/>
/// days when there are at least three sets (its standard error sets the calibration uncertainty), else from the newest
/// set's published ṅ/2, else from B* (δ = 12.741621·B*, B* in 1/ER and δ in m²/kg; Vallado 2013 §9.7).</para>
/// <para>Window: the integration is repeated with δ·(1 ± u) and F10.7 ± <see cref="DecayOptions.F107UncertaintySfu"/>,
/// u = max(floor, relative standard error of ṅ). Operational re-entry predictions are quoted to ±20–25 % of the remaining
/// lifetime until the last days (e.g. the Inter-Agency Space Debris Coordination Committee re-entry campaigns), which is
/// what the floor reflects. Eccentric orbits (e &gt; 0.02) are treated at one scale height above perigee, which is crude:
/// their estimate carries a note.</para>
/// </remarks>
public static class DecayEstimator
{
    private static readonly (double H0, double Rho0, double ScaleH)[] Table =
    [
        (0, 1.225, 7.249), (25, 3.899e-2, 6.349), (30, 1.774e-2, 6.682), (40, 3.972e-3, 7.554), (50, 1.057e-3, 8.382),
        (60, 3.206e-4, 7.714), (70, 8.770e-5, 6.549), (80, 1.905e-5, 5.799), (90, 3.396e-6, 5.382), (100, 5.297e-7, 5.877),
        (110, 9.661e-8, 7.263), (120, 2.438e-8, 9.473), (130, 8.484e-9, 12.636), (140, 3.845e-9, 16.149), (150, 2.070e-9, 22.523),
        (180, 5.464e-10, 29.740), (200, 2.789e-10, 37.105), (250, 7.248e-11, 45.546), (300, 2.418e-11, 53.628),
        (350, 9.518e-12, 53.298), (400, 3.725e-12, 58.515), (450, 1.585e-12, 60.828), (500, 6.967e-13, 63.822),
        (600, 1.454e-13, 71.835), (700, 3.614e-14, 88.667), (800, 1.170e-14, 124.64), (900, 5.245e-15, 181.05),
        (1000, 3.019e-15, 268.00),
    ];

    private const double EarthRadiusKm = 6378.137;

    /// <summary>Density (kg/m³) at height <paramref name="hKm"/> for solar flux <paramref name="f107"/> (see remarks).</summary>
    public static double Density(double hKm, double f107)
    {
        var i = Table.Length - 1;
        while (i > 0 && hKm < Table[i].H0) i--;
        var (h0, rho0, sh) = Table[i];
        var rho = rho0 * Math.Exp(-(hKm - h0) / sh);
        if (hKm > 120) rho *= Math.Pow(10, (f107 - 150) / 180 * (hKm - 120) / 280);
        return rho;
    }

    /// <summary>Estimates each object of a history or catalog (grouped by catalog number).</summary>
    public static IReadOnlyList<DecayEstimate> EstimateAll(IEnumerable<MeanElements> sets, TimeScales scales, DecayOptions? options = null) =>
        sets.GroupBy(e => e.CatalogNumber).Select(g => Estimate(g.ToList(), scales, options)).Where(e => e is not null).Select(e => e!).ToList();

    /// <summary>Estimates one object from its element sets (one or more); null when its perigee is above the limit.</summary>
    public static DecayEstimate? Estimate(IReadOnlyList<MeanElements> sets, TimeScales scales, DecayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(scales);
        options ??= new DecayOptions();
        if (sets.Count == 0) return null;
        var newest = sets.MaxBy(s => s.EpochUtc.Value)!;
        var a = OrbitGeometry.SemiMajorAxisKm(newest.MeanMotionRevPerDay);
        var e = newest.Eccentricity;
        var perigee = a * (1 - e) - EarthRadiusKm;
        var apogee = a * (1 + e) - EarthRadiusKm;
        if (perigee > options.MaximumPerigeeKm) return null;
        var epoch = Instant.FromJulianDate(newest.EpochUtc, scales.Utc);
        string? note = e > 0.02 ? "eccentric orbit: drag evaluated one scale height above perigee (crude)" : null;

        // Decay rate of mean motion, rev/day².
        var recent = sets.Where(s => newest.EpochUtc.DaysSince(s.EpochUtc) <= options.HistoryDays)
                         .GroupBy(s => s.EpochUtc.Value).Select(g => g.First()).OrderBy(s => s.EpochUtc.Value).ToList();
        double ndot, relErr;
        string basis;
        if (recent.Count >= 3 && newest.EpochUtc.DaysSince(recent[0].EpochUtc) >= 1)
        {
            var t = recent.Select(s => s.EpochUtc.DaysSince(newest.EpochUtc)).ToArray();
            var n = recent.Select(s => s.MeanMotionRevPerDay).ToArray();
            var (slope, se) = Fit(t, n);
            ndot = slope;
            relErr = Math.Abs(se / slope);
            basis = "history";
        }
        else if (newest.MeanMotionDot > 0)
        {
            ndot = 2 * newest.MeanMotionDot;
            relErr = 0;
            basis = "ndot";
        }
        else
        {
            ndot = double.NaN;
            relErr = 0;
            basis = "bstar";
        }

        var hEff = HeightForDrag(a, e);
        var rhoNow = Density(hEff, options.F107Now) * 1e9; // kg/km³
        double delta; // km²/kg
        if (double.IsFinite(ndot) && ndot > 0)
        {
            var nRad = newest.MeanMotionRevPerDay * 2 * Math.PI / 86_400;            // rad/s
            var ndotRad = ndot * 2 * Math.PI / (86_400.0 * 86_400.0);               // rad/s²
            var dadt = -(2.0 / 3.0) * a / nRad * ndotRad;                           // km/s
            delta = -dadt / (rhoNow * Math.Sqrt(OrbitMath.Mu * a));
        }
        else if (newest.BStar > 0)
        {
            delta = 12.741621 * newest.BStar * 1e-6;
            basis = "bstar";
        }
        else
        {
            return new DecayEstimate(newest.CatalogNumber, newest.Name, epoch, perigee, apogee, ndot, double.NaN, basis,
                                     null, null, null, null, "no decay observed (ṅ and B* not positive)");
        }
        var u = Math.Max(options.MinimumCalibrationUncertainty, double.IsFinite(relErr) ? relErr : 1);
        u = Math.Min(u, 0.9);
        var nominal = Integrate(a, e, delta, options.F107Future, options);
        var early = Integrate(a, e, delta * (1 + u), options.F107Future + options.F107UncertaintySfu, options);
        var late = Integrate(a, e, delta * (1 - u), Math.Max(65, options.F107Future - options.F107UncertaintySfu), options);
        Instant? At(double? days) => days is { } d ? epoch.AddSeconds(d * 86_400) : null;
        return new DecayEstimate(newest.CatalogNumber, newest.Name, epoch, perigee, apogee, ndot, delta * 1e6, basis,
                                 At(nominal), At(early), At(late), nominal,
                                 nominal is null ? Join(note, $"lifetime longer than {options.MaximumYears} years") : note);
    }

    private static string Join(string? a, string b) => a is null ? b : a + "; " + b;

    private static double HeightForDrag(double a, double e)
    {
        if (e <= 0.02) return a - EarthRadiusKm;
        var hp = a * (1 - e) - EarthRadiusKm;
        var i = Table.Length - 1;
        while (i > 0 && hp < Table[i].H0) i--;
        return Math.Min(hp + Table[i].ScaleH, a * (1 + e) - EarthRadiusKm);
    }

    /// <summary>Days until the drag height falls below the re-entry altitude (null: longer than the limit).</summary>
    private static double? Integrate(double a, double e, double delta, double f107, DecayOptions o)
    {
        var t = 0.0; // s
        var limit = o.MaximumYears * 365.25 * 86_400;
        var hp = a * (1 - e);
        var ra = a * (1 + e);
        while (t < limit)
        {
            var h = HeightForDrag(a, e);
            if (a * (1 - e) - EarthRadiusKm < o.ReentryAltitudeKm || h < o.ReentryAltitudeKm) return t / 86_400;
            var rho = Density(h, f107) * 1e9;
            var dadt = -delta * rho * Math.Sqrt(OrbitMath.Mu * a);
            var dt = Math.Clamp(0.002 * (h - o.ReentryAltitudeKm + 1) / -dadt, 60, 86_400);
            // Drag at perigee lowers the apogee first: keep the perigee, shrink the apogee, until circular.
            var da = dadt * dt;
            if (e > 0.001)
            {
                ra += 2 * da;
                a = 0.5 * (hp + ra);
                e = Math.Max(0, (ra - hp) / (ra + hp));
            }
            else
            {
                a += da;
                hp = a;
                ra = a;
                e = 0;
            }
            t += dt;
        }
        return null;
    }

    private static (double Slope, double StdErr) Fit(double[] x, double[] y)
    {
        var n = x.Length;
        var mx = x.Average();
        var my = y.Average();
        double sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++) { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my); }
        var slope = sxy / sxx;
        var intercept = my - slope * mx;
        var ss = 0.0;
        for (var i = 0; i < n; i++) { var r = y[i] - intercept - slope * x[i]; ss += r * r; }
        var se = n > 2 ? Math.Sqrt(ss / (n - 2) / sxx) : double.PositiveInfinity;
        return (slope, se);
    }
}
