namespace OpenSda.Screening.Validation;

/// <summary>A reference event: engine indices A &lt; B, TCA (s from start), miss (km), relative speed (km/s).</summary>
public readonly record struct ReferenceEvent(int A, int B, double T, double MissKm, double RelSpeedKmS);

/// <summary>
/// The slow, obviously correct screener the engine is tested against. For validation and for the
/// benchmark's ratio only: never use it for operations (it is O(N²) in pairs and samples every 10 s).
/// <para>Every object is sampled every <c>h</c> seconds (10 s by default). No object can move faster than
/// 1.1 × the escape speed at the Earth's surface (12.4 km/s; SGP4 adds ≪ 10 %), so for any pair
/// ρ(t) ≥ ρ(t_j) − V·|t − t_j| − J_a − J_b with V = 24.9 km/s and J the deep-space jump allowance.
/// For each pair the scan jumps ahead as far as that bound proves the range stays above the threshold,
/// and every sample it cannot skip is checked for a discrete local minimum of the squared range; each
/// such minimum is refined by plain golden-section search on positions to 10⁻⁷ s. Minima at the
/// window edges are dropped. No grid, no per-object bounds, no chords: nothing shared with the engine
/// but the propagator.</para>
/// </summary>
public static class ReferenceScreener
{
    /// <summary>Speed bound for any object: 1.1 × escape speed at the Earth's surface, km/s.</summary>
    public const double SpeedBoundKmS = 1.1 * 11.18;

    /// <summary>Screens every pair of <paramref name="input"/> over [0, <paramref name="durationS"/>) s from the start.
    /// <paramref name="errored"/>, when given, receives the indices of objects that failed inside the window.</summary>
    public static List<ReferenceEvent> Screen(ScreeningInput input, double durationS, double thresholdKm,
        double stepS = 10.0, double jumpKm = 2.0, HashSet<int>? errored = null)
    {
        var prop = input.Propagator;
        var n = prop.Count;
        var samples = (int)Math.Ceiling(durationS / stepS - 1e-9);
        var h = durationS / samples;
        double T(int j) => j == samples ? durationS : j * h;
        var jump = input.Bounds.Select(b => b.IsDeepSpace ? jumpKm : 0.0).ToArray();
        var v2 = 2 * SpeedBoundKmS;
        var all = Enumerable.Range(0, n).Where(i => input.InitialErrors is null || input.InitialErrors[i] == 0).ToArray();
        var events = new System.Collections.Concurrent.ConcurrentBag<ReferenceEvent>();
        var erroredFound = new HashSet<int>();
        var next = new int[n * n];
        const int block = 720;
        for (var b0 = 0; b0 <= samples; b0 += block)
        {
            var b1 = Math.Min(samples, b0 + block); // samples b0..b1 examined (b1 inclusive only at the end)
            var s0 = Math.Max(0, b0 - 1); var s1 = Math.Min(samples, b1 + 1);
            var m = s1 - s0 + 1;
            var times = Enumerable.Range(s0, m).Select(T).ToArray();
            var x = new double[m * n]; var y = new double[m * n]; var z = new double[m * n]; var err = new int[m * n];
            prop.PropagateSamples(times, all, x, y, z, err, -1);
            foreach (var i in all)
                for (var k = 0; k < m; k++)
                    if (err[k * n + i] != 0) { lock (erroredFound) erroredFound.Add(i); break; }
            // Object-major copies for cache-friendly scans.
            var ox = new double[n * m]; var oy = new double[n * m]; var oz = new double[n * m];
            foreach (var i in all)
                for (var k = 0; k < m; k++) { ox[i * m + k] = x[k * n + i]; oy[i * m + k] = y[k * n + i]; oz[i * m + k] = z[k * n + i]; }
            var last = b1 == samples;
            Parallel.ForEach(all, a =>
            {
                foreach (var b in all)
                {
                    if (b <= a) continue;
                    if (input.CoLocatedGroup is { } g && g[a] >= 0 && g[a] == g[b]) continue;
                    double F(int j) // squared range at sample j (absolute index)
                    {
                        var ka = a * m + (j - s0); var kb = b * m + (j - s0);
                        var dx = ox[kb] - ox[ka]; var dy = oy[kb] - oy[ka]; var dz = oz[kb] - oz[ka];
                        return dx * dx + dy * dy + dz * dz;
                    }
                    var margin = thresholdKm + jump[a] + jump[b];
                    var j = Math.Max(next[a * n + b], b0);
                    var end = last ? samples : b1 - 1;
                    while (j <= end)
                    {
                        var rho = Math.Sqrt(F(j));
                        if (rho - margin > v2 * h)
                        {
                            j += Math.Max(1, (int)Math.Floor((rho - margin) / (v2 * h)));
                            continue;
                        }
                        Examine(prop, a, b, j, samples, T, F, durationS, thresholdKm, events);
                        j++;
                    }
                    next[a * n + b] = j;
                }
            });
        }
        errored?.UnionWith(erroredFound);
        // Drop objects that failed anywhere in the window, and merge exact-tie duplicates.
        var list = events.Where(e => !erroredFound.Contains(e.A) && !erroredFound.Contains(e.B))
            .OrderBy(e => e.A).ThenBy(e => e.B).ThenBy(e => e.T).ToList();
        var merged = new List<ReferenceEvent>();
        foreach (var e in list)
        {
            if (merged.Count > 0 && merged[^1].A == e.A && merged[^1].B == e.B && e.T - merged[^1].T < 1.0) continue;
            merged.Add(e);
        }
        return [.. merged.OrderBy(e => e.T)];
    }

    private static void Examine(IScreeningPropagator prop, int a, int b, int j, int samples, Func<int, double> T,
        Func<int, double> F, double duration, double d, System.Collections.Concurrent.ConcurrentBag<ReferenceEvent> events)
    {
        double lo, hi;
        var f = F(j);
        if (j > 0 && j < samples)
        {
            if (!(F(j - 1) >= f && f <= F(j + 1))) return;
            lo = T(j - 1); hi = T(j + 1);
        }
        else if (j == 0 && f <= F(1)) { lo = 0; hi = T(1); }
        else if (j == samples && f <= F(samples - 1)) { lo = T(samples - 1); hi = duration; }
        else return;
        // Golden-section search on the exact squared range.
        double Range2(double t)
        {
            prop.Propagate(a, t, out var ra, out _);
            prop.Propagate(b, t, out var rb, out _);
            return (rb - ra).NormSquared;
        }
        var g = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
        double f1 = Range2(x1), f2 = Range2(x2);
        while (hi - lo > 1e-7)
        {
            if (f1 <= f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = Range2(x1); }
            else { lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = Range2(x2); }
        }
        var t = 0.5 * (lo + hi);
        if (t <= 1e-3 || t >= duration - 1e-3) return; // edge minimum
        prop.Propagate(a, t, out var pa, out var va);
        prop.Propagate(b, t, out var pb, out var vb);
        var miss = (pb - pa).Norm;
        if (miss <= d) events.Add(new ReferenceEvent(a, b, t, miss, (vb - va).Norm));
    }
}
