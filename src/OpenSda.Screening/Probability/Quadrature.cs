namespace OpenSda.Screening.Probability;

/// <summary>Gauss–Legendre rules and a globally adaptive integrator (QUADPACK QAG strategy).</summary>
internal static class Quadrature
{
    private static readonly Dictionary<int, (double[] X, double[] W)> Cache = [];
    private static readonly Lock Gate = new();

    /// <summary>n-point Gauss–Legendre nodes/weights on [−1, 1] (Newton iteration on Pₙ, Golub–Welsch-free).</summary>
    public static (double[] X, double[] W) GaussLegendre(int n)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue(n, out var r)) return r;
            var x = new double[n];
            var w = new double[n];
            for (var i = 0; i < n; i++)
            {
                var t = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
                double dp = 0;
                for (var it = 0; it < 100; it++)
                {
                    double p0 = 1, p1 = t;
                    for (var k = 2; k <= n; k++)
                    {
                        var p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
                        p0 = p1;
                        p1 = p2;
                    }
                    dp = n * (t * p1 - p0) / (t * t - 1);
                    var dt = p1 / dp;
                    t -= dt;
                    if (Math.Abs(dt) < 1e-16) break;
                }
                {
                    double p0 = 1, p1 = t;
                    for (var k = 2; k <= n; k++)
                    {
                        var p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
                        p0 = p1;
                        p1 = p2;
                    }
                    dp = n * (t * p1 - p0) / (t * t - 1);
                }
                x[i] = -t;
                w[i] = 2 / ((1 - t * t) * dp * dp);
            }
            r = (x, w);
            Cache[n] = r;
            return r;
        }
    }

    /// <summary>
    /// Globally adaptive integral of f on [a, b]: the interval with the largest error estimate
    /// (|G₂₀ − G₁₀|) is bisected until the summed estimate is below relTol·|I| (or absTol), or maxIntervals.
    /// </summary>
    public static double Adaptive(Func<double, double> f, double a, double b, double relTol, double absTol = 0, int maxIntervals = 4000)
    {
        var (x20, w20) = GaussLegendre(20);
        var (x10, w10) = GaussLegendre(10);
        (double I, double E) Rule(double lo, double hi)
        {
            var c = 0.5 * (lo + hi);
            var h = 0.5 * (hi - lo);
            double s20 = 0, s10 = 0;
            for (var i = 0; i < 20; i++) s20 += w20[i] * f(c + h * x20[i]);
            for (var i = 0; i < 10; i++) s10 += w10[i] * f(c + h * x10[i]);
            return (h * s20, Math.Abs(h * (s20 - s10)));
        }

        var queue = new PriorityQueue<(double Lo, double Hi, double I, double E), double>();
        // Start from a few pieces so that narrow peaks are less likely to be missed.
        const int start = 8;
        double total = 0, err = 0;
        for (var k = 0; k < start; k++)
        {
            var lo = a + (b - a) * k / start;
            var hi = a + (b - a) * (k + 1) / start;
            var (i, e) = Rule(lo, hi);
            total += i;
            err += e;
            queue.Enqueue((lo, hi, i, e), -e);
        }
        var count = start;
        while (err > Math.Max(relTol * Math.Abs(total), absTol) && count < maxIntervals)
        {
            var seg = queue.Dequeue();
            var mid = 0.5 * (seg.Lo + seg.Hi);
            if (mid <= seg.Lo || mid >= seg.Hi)
            {
                // Cannot split further; accept.
                err -= seg.E;
                continue;
            }
            var l = Rule(seg.Lo, mid);
            var r = Rule(mid, seg.Hi);
            total += l.I + r.I - seg.I;
            err += l.E + r.E - seg.E;
            queue.Enqueue((seg.Lo, mid, l.I, l.E), -l.E);
            queue.Enqueue((mid, seg.Hi, r.I, r.E), -r.E);
            count++;
        }
        return total;
    }

    /// <summary>
    /// Globally adaptive integral of f over [breaks[0], breaks[^1]] starting from the given break points (so that
    /// features at known scales are not missed): Gauss–Legendre 20 with |G₂₀ − G₁₀| as the error estimate; the
    /// worst interval is bisected until the summed estimate is below max(relTol·|I|, absTol) or maxIntervals.
    /// </summary>
    public static double AdaptiveBreaks(Func<double, double> f, IReadOnlyList<double> breaks, double relTol, double absTol = 0, int maxIntervals = 4000)
    {
        var (x20, w20) = GaussLegendre(20);
        var (x10, w10) = GaussLegendre(10);
        (double I, double E) Rule(double lo, double hi)
        {
            var c = 0.5 * (lo + hi);
            var h = 0.5 * (hi - lo);
            double s20 = 0, s10 = 0;
            for (var i = 0; i < 20; i++) s20 += w20[i] * f(c + h * x20[i]);
            for (var i = 0; i < 10; i++) s10 += w10[i] * f(c + h * x10[i]);
            return (h * s20, Math.Abs(h * (s20 - s10)));
        }

        var queue = new PriorityQueue<(double Lo, double Hi, double I, double E), double>();
        double total = 0, err = 0;
        for (var k = 0; k + 1 < breaks.Count; k++)
        {
            var lo = breaks[k];
            var hi = breaks[k + 1];
            if (!(hi > lo)) continue;
            var (i, e) = Rule(lo, hi);
            total += i;
            err += e;
            queue.Enqueue((lo, hi, i, e), -e);
        }
        var count = queue.Count;
        while (queue.Count > 0 && err > Math.Max(relTol * Math.Abs(total), absTol) && count < maxIntervals)
        {
            var seg = queue.Dequeue();
            var mid = 0.5 * (seg.Lo + seg.Hi);
            if (mid <= seg.Lo || mid >= seg.Hi)
            {
                err -= seg.E;
                continue;
            }
            var l = Rule(seg.Lo, mid);
            var r = Rule(mid, seg.Hi);
            total += l.I + r.I - seg.I;
            err += l.E + r.E - seg.E;
            queue.Enqueue((seg.Lo, mid, l.I, l.E), -l.E);
            queue.Enqueue((mid, seg.Hi, r.I, r.E), -r.E);
            count++;
        }
        return total;
    }
}
