using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>
/// Monte Carlo collision probability at TCA with straight-line relative motion: relative states are drawn
/// from N((r, v), C₁ + C₂) (6×6, the two objects independent; a position-only covariance gives no velocity
/// dispersion), and a sample is a hit when the closest approach of r + v·t over all t is within the HBR,
/// i.e. |r|² − (r·v)²/|v|² &lt; R². This is the sampling counterpart of the Foster (1992) integral that also
/// carries velocity uncertainty (Coppola 2012a, AAS 12-247); it is not the two-body "SDMC" of CARA
/// (Hall et al. 2018, AAS 18-244), so it shares the 2-D methods' limitations for slow encounters.
/// </summary>
/// <remarks>
/// The 95 % interval is the Wilson score interval, which stays inside [0, 1] and is usable with zero hits.
/// The generator is xoshiro256** seeded by SplitMix64 (Blackman &amp; Vigna 2018), normals by the Marsaglia
/// polar method: the same seed gives the same answer on every platform.
/// </remarks>
public static class MonteCarloPc
{
    /// <summary>Default sample count.</summary>
    public const long DefaultSamples = 1_000_000;

    /// <summary>Runs the Monte Carlo estimate.</summary>
    /// <param name="conjunction">The conjunction (missing covariances count as zero).</param>
    /// <param name="samples">Number of draws.</param>
    /// <param name="seed">Random seed.</param>
    public static PcResult Compute(Conjunction conjunction, long samples = DefaultSamples, ulong seed = 20_250_101)
    {
        ArgumentNullException.ThrowIfNull(conjunction);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var c = conjunction;
        var r0 = c.Primary.PositionM - c.Secondary.PositionM;
        var v0 = c.Primary.VelocityMS - c.Secondary.VelocityMS;
        var cov = c.Primary.CovarianceEciM + c.Secondary.CovarianceEciM;
        var l = cov.CholeskyLower();
        var hbr = Math.Max(c.HardBodyRadiusM, 0);
        var r2max = hbr * hbr;
        var rng = new Xoshiro256(seed);
        Span<double> z = stackalloc double[6];
        Span<double> d = stackalloc double[6];
        long hits = 0;
        for (long n = 0; n < samples; n++)
        {
            for (var i = 0; i < 6; i += 2) rng.NextNormalPair(out z[i], out z[i + 1]);
            for (var i = 0; i < 6; i++)
            {
                double s = 0;
                for (var k = 0; k <= i; k++) s += l[i, k] * z[k];
                d[i] = s;
            }
            var r = new Vec3(r0.X + d[0], r0.Y + d[1], r0.Z + d[2]);
            var v = new Vec3(v0.X + d[3], v0.Y + d[4], v0.Z + d[5]);
            var vv = v.NormSquared;
            var rv = Vec3.Dot(r, v);
            var miss2 = vv > 0 ? r.NormSquared - rv * rv / vv : r.NormSquared;
            if (miss2 < r2max) hits++;
        }
        var (lo, hi) = Wilson(hits, samples);
        var flags = UsageViolations.Assess(c);
        if (c.UsesDefaultCovariance) flags |= PcUsageFlags.DefaultCovariance;
        if (c.Primary.Covariance is null || c.Secondary.Covariance is null) flags |= PcUsageFlags.MissingCovariance;
        return new PcResult((double)hits / samples, PcMethodNames.MonteCarlo, flags,
            [FormattableString.Invariant($"{hits} hits in {samples} samples, seed {seed}; linear motion at TCA")])
        {
            Lower95 = lo,
            Upper95 = hi,
            Samples = samples,
            Hits = hits,
        };
    }

    /// <summary>Wilson score 95 % interval for a binomial proportion.</summary>
    public static (double Lower, double Upper) Wilson(long hits, long n)
    {
        const double z = 1.959963984540054;
        var p = (double)hits / n;
        var z2n = z * z / n;
        var centre = (p + z2n / 2) / (1 + z2n);
        var half = z * Math.Sqrt(p * (1 - p) / n + z2n / (4.0 * n)) / (1 + z2n);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private struct Xoshiro256
    {
        private ulong _s0, _s1, _s2, _s3;

        public Xoshiro256(ulong seed)
        {
            _s0 = SplitMix(ref seed);
            _s1 = SplitMix(ref seed);
            _s2 = SplitMix(ref seed);
            _s3 = SplitMix(ref seed);
        }

        private static ulong SplitMix(ref ulong x)
        {
            var z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private ulong Next()
        {
            var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            var t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }

        private double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        public void NextNormalPair(out double a, out double b)
        {
            double u, v, s;
            do
            {
                u = 2 * NextDouble() - 1;
                v = 2 * NextDouble() - 1;
                s = u * u + v * v;
            }
            while (s >= 1 || s == 0);
            var f = Math.Sqrt(-2 * Math.Log(s) / s);
            a = u * f;
            b = v * f;
        }
    }
}
