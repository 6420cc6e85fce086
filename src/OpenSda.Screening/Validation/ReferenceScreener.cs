namespace OpenSda.Screening.Validation;

/// <summary>A reference event: engine indices A &lt; B, TCA (s from start), miss (km), relative speed (km/s).</summary>
public readonly record struct ReferenceEvent(int A, int B, double T, double MissKm, double RelSpeedKmS);

/// <summary>
/// The slow, obviously correct screener the engine is tested against. For validation and for the
/// benchmark's ratio only: never use it for operations.
/// <para><b>Sampling.</b> Every object is sampled every <c>h</c> seconds (10 s by default). No object can move
/// faster than 1.1 × the escape speed at the Earth's surface (12.4 km/s; SGP4 adds ≪ 10 %), so for any pair the
/// range ρ is Lipschitz up to the deep-space jump allowances: ρ(t) ≥ ρ(s) − V·|t − s| − J_a − J_b with
/// V = 24.9 km/s.</para>
/// <para><b>Which samples are examined.</b> A conjunction at t* (ρ(t*) ≤ d) shows as a discrete local minimum
/// of the sampled range at a sample t_j within h of t*, so ρ(t_j) ≤ d + V·h + J_a + J_b =: R_ab. At each
/// sample, the pairs with ρ(t_j) ≤ R_ab are found by the plainest sweep there is: objects sorted by x, each
/// compared with the following ones while their x differs by at most max R_ab (|Δx| ≤ ρ).
/// <see cref="ScreenByPairScan"/> finds the same samples pair by pair instead, skipping ahead by the Lipschitz
/// bound; the two are cross-checked in the tests.</para>
/// <para><b>Refinement.</b> Each examined sample that is a discrete local minimum of the squared range is
/// refined by plain golden-section search on positions to 10⁻⁷ s over [t_j−1, t_j+1]; the search stops early
/// once the Lipschitz bound proves the bracket stays above d (both probe points farther than d + V·width + J_a + J_b).
/// Minima at the window edges are dropped. No grid cells, no per-object bounds, no chords: nothing shared
/// with the engine but the propagator.</para>
/// </summary>
public static class ReferenceScreener
{
    /// <summary>Speed bound for any object: 1.1 × escape speed at the Earth's surface, km/s.</summary>
    public const double SpeedBoundKmS = 1.1 * 11.18;

    /// <summary>Screens every pair of <paramref name="input"/> over [0, <paramref name="durationS"/>) s from the start,
    /// examining each sample's close pairs found by an x-sorted sweep.
    /// <paramref name="errored"/>, when given, receives the indices of objects that failed inside the window.</summary>
    public static List<ReferenceEvent> Screen(ScreeningInput input, double durationS, double thresholdKm,
        double stepS = 10.0, double jumpKm = 2.0, HashSet<int>? errored = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var prop = input.Propagator;
        var n = prop.Count;
        var samples = (int)Math.Ceiling(durationS / stepS - 1e-9);
        var h = durationS / samples;
        double T(int j) => j == samples ? durationS : j * h;
        var jump = input.Bounds.Select(b => b.IsDeepSpace ? jumpKm : 0.0).ToArray();
        var v2 = 2 * SpeedBoundKmS;
        var rMax = thresholdKm + 2 * jump.DefaultIfEmpty(0).Max() + v2 * h;
        var all = Enumerable.Range(0, n).Where(i => input.InitialErrors is null || input.InitialErrors[i] == 0).ToArray();
        var group = input.CoLocatedGroup;
        var events = new System.Collections.Concurrent.ConcurrentBag<ReferenceEvent>();
        var erroredFound = new HashSet<int>();
        const int block = 360, sub = 30;
        for (var b0 = 0; b0 <= samples; b0 += block)
        {
            var b1 = Math.Min(samples, b0 + block - 1); // samples b0..b1 examined
            var s0 = Math.Max(0, b0 - 1); var s1 = Math.Min(samples, b1 + 1);
            var m = s1 - s0 + 1;
            var times = Enumerable.Range(s0, m).Select(T).ToArray();
            var x = new double[m * n]; var y = new double[m * n]; var z = new double[m * n]; var err = new int[m * n];
            prop.PropagateSamples(times, all, x, y, z, err, -1);
            foreach (var i in all)
                for (var k = 0; k < m; k++)
                    if (err[k * n + i] != 0) { erroredFound.Add(i); break; }
            double F(int a, int b, int j) // squared range at sample j (absolute index)
            {
                var o = (j - s0) * n;
                var dx = x[o + b] - x[o + a]; var dy = y[o + b] - y[o + a]; var dz = z[o + b] - z[o + a];
                return dx * dx + dy * dy + dz * dz;
            }
            Parallel.For(0, (b1 - b0) / sub + 1, part =>
            {
                var j0 = b0 + part * sub; var j1 = Math.Min(b1, j0 + sub - 1);
                var order = (int[])all.Clone();
                var keys = new double[order.Length];
                for (var j = j0; j <= j1; j++)
                {
                    var o = (j - s0) * n;
                    // Sort by x (insertion sort: the order changes little from one sample to the next).
                    for (var p = 0; p < order.Length; p++) keys[p] = x[o + order[p]];
                    for (var p = 1; p < order.Length; p++)
                    {
                        var key = keys[p]; var obj = order[p]; var q = p - 1;
                        while (q >= 0 && keys[q] > key) { keys[q + 1] = keys[q]; order[q + 1] = order[q]; q--; }
                        keys[q + 1] = key; order[q + 1] = obj;
                    }
                    for (var p = 0; p < order.Length; p++)
                    {
                        var a = order[p];
                        for (var q = p + 1; q < order.Length && keys[q] - keys[p] <= rMax; q++)
                        {
                            var b = order[q];
                            var lo = Math.Min(a, b); var hi = Math.Max(a, b);
                            if (group is not null && group[lo] >= 0 && group[lo] == group[hi]) continue;
                            var r = thresholdKm + jump[lo] + jump[hi] + v2 * h;
                            if (F(lo, hi, j) > r * r) continue;
                            Examine(prop, lo, hi, j, samples, T, jj => F(lo, hi, jj), durationS, thresholdKm, v2, jump[lo] + jump[hi], events);
                        }
                    }
                }
            });
        }
        return Finish(events, erroredFound, errored);
    }

    private static List<ReferenceEvent> Finish(System.Collections.Concurrent.ConcurrentBag<ReferenceEvent> events, HashSet<int> erroredFound, HashSet<int>? errored)
    {
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

    /// <summary>
    /// The same screening pair by pair: for each pair the scan jumps ahead as far as the Lipschitz bound proves
    /// the range stays above R_ab, and examines every other sample. O(N²) in pairs: slow; kept to cross-check
    /// <see cref="Screen"/> on small sets.
    /// </summary>
    public static List<ReferenceEvent> ScreenByPairScan(ScreeningInput input, double durationS, double thresholdKm,
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
                        Examine(prop, a, b, j, samples, T, F, durationS, thresholdKm, v2, jump[a] + jump[b], events);
                        j++;
                    }
                    next[a * n + b] = j;
                }
            });
        }
        return Finish(events, erroredFound, errored);
    }

    private static void Examine(IScreeningPropagator prop, int a, int b, int j, int samples, Func<int, double> T,
        Func<int, double> F, double duration, double d, double v, double jumps, System.Collections.Concurrent.ConcurrentBag<ReferenceEvent> events)
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
            // Lipschitz: a point of the bracket within d would put both probes within d + v·width + jumps.
            if (Math.Sqrt(Math.Min(f1, f2)) - v * (hi - lo) - jumps > d) return;
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
