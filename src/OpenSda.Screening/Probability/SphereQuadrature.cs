using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>
/// Integration over the hard-body sphere of the Hall (2021) probability-flux integrand, which has two awkward
/// features: a crease along n̂·v = 0 (the flux E[(−n̂·v)⁺] is nearly max(0, −n̂·v) when the velocity dispersion is
/// small) and, when HBR ≫ σ, a sharp peak of the Gaussian factor. The pole is the relative velocity; each meridian
/// is split at the crease and at the peak's latitude (adaptive Gauss–Legendre in the polar angle), and the azimuth
/// is adaptive with a break at the peak's azimuth. This replaces CARA's fixed 5810-point Lebedev rule, whose
/// polynomial exactness does not hold across the crease.
/// </summary>
internal static class SphereQuadrature
{
    /// <summary>
    /// The unit vector n̂ minimising (Rn̂ − μ)ᵀW(Rn̂ − μ) (W symmetric positive definite): the stationarity condition
    /// (R²W − λI)n̂ = RWμ with λ ≤ R²·w_min and |n̂| = 1 is solved on W's eigenbasis by bisection on λ.
    /// </summary>
    public static Vec3 PeakDirection(Mat3 w, Vec3 mu, double r)
    {
        var (lam, v) = Dense.EigSym(w);
        Span<double> wl = [lam.X, lam.Y, lam.Z];
        var wmu = w * mu;
        var bvec = r * (v.Transpose() * wmu);
        Span<double> b = [bvec.X, bvec.Y, bvec.Z];
        var imin = 0;
        for (var i = 1; i < 3; i++)
            if (wl[i] < wl[imin]) imin = i;
        var top = r * r * wl[imin];
        var bn = Math.Sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        Span<double> y = stackalloc double[3];
        if (!(bn > 0))
        {
            y.Clear();
            y[imin] = 1;
        }
        else
        {
            double lo = top - bn - 1e-300, hi = top;
            for (var it = 0; it < 200; it++)
            {
                var mid = 0.5 * (lo + hi);
                if (mid <= lo || mid >= hi) break;
                double s = 0;
                for (var i = 0; i < 3; i++)
                {
                    var yi = b[i] / (r * r * wl[i] - mid);
                    s += yi * yi;
                }
                if (s > 1) hi = mid;
                else lo = mid;
            }
            double n2 = 0;
            for (var i = 0; i < 3; i++)
            {
                y[i] = b[i] / (r * r * wl[i] - lo);
                if (double.IsNaN(y[i]) || double.IsInfinity(y[i])) y[i] = 0;
                n2 += y[i] * y[i];
            }
            // Hard case: the minimiser has a component along the smallest-eigenvalue axis.
            if (n2 < 1) y[imin] = Math.CopySign(Math.Sqrt(1 - n2 + y[imin] * y[imin]), b[imin] == 0 ? 1 : b[imin]);
        }
        var n = v * new Vec3(y[0], y[1], y[2]);
        var nn = n.Norm;
        return nn > 0 ? n / nn : new Vec3(0, 0, 1);
    }

    /// <summary>
    /// ∮ f(n̂) dΩ for a flux integrand that is smooth except along a crease where <paramref name="crease"/>(n̂) changes
    /// sign (the probability flux E[(−n̂·v)⁺] is nearly max(0, −n̂·v) when the velocity dispersion is small) and
    /// possibly peaked around <paramref name="peak"/> (the maximum of the Gaussian factor). The pole is the relative
    /// velocity, so each meridian φ = const crosses the crease once: the polar integral in c = cos θ is split there and
    /// at the peak's latitude (adaptive Gauss–Legendre), and the azimuthal integral is adaptive with a break point at
    /// the peak's azimuth.
    /// </summary>
    public static double IntegrateFlux(Func<Vec3, double> f, Func<Vec3, double> crease, Vec3 velocityDir, Vec3 peak, double relTol = 1e-8)
    {
        var ez = velocityDir;
        var ex = Vec3.Cross(ez, Math.Abs(ez.X) < 0.6 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0)).Unit;
        var ey = Vec3.Cross(ez, ex);
        var thPeak = Math.Acos(Math.Clamp(Vec3.Dot(peak, ez), -1, 1));
        var phiPeak = Math.Atan2(Vec3.Dot(peak, ey), Vec3.Dot(peak, ex));
        if (phiPeak < 0) phiPeak += 2 * Math.PI;
        var cb = new List<double>(4);

        double Meridian(double phi)
        {
            var (sp, cp) = Math.SinCos(phi);
            var eh = cp * ex + sp * ey;
            // Polar angle θ (not cos θ: the integrand is smooth in θ at the poles), dΩ = sin θ dθ dφ.
            Vec3 Dir(double th)
            {
                var (st, ct) = Math.SinCos(th);
                return ct * ez + st * eh;
            }
            cb.Clear();
            cb.Add(0);
            double lo = 0, hi = Math.PI;
            var glo = crease(Dir(lo));
            var ghi = crease(Dir(hi));
            double tStar = double.NaN;
            if (glo * ghi < 0)
            {
                for (var it = 0; it < 80; it++)
                {
                    var mid = 0.5 * (lo + hi);
                    if (mid <= lo || mid >= hi) break;
                    var gm = crease(Dir(mid));
                    if ((gm < 0) == (glo < 0)) { lo = mid; glo = gm; }
                    else hi = mid;
                }
                tStar = 0.5 * (lo + hi);
            }
            if (!double.IsNaN(tStar) && tStar < thPeak) cb.Add(tStar);
            if (thPeak > 0 && thPeak < Math.PI) cb.Add(thPeak);
            if (!double.IsNaN(tStar) && tStar > thPeak) cb.Add(tStar);
            cb.Add(Math.PI);
            return Quadrature.AdaptiveBreaks(th => f(Dir(th)) * Math.Sin(th), cb, 0.1 * relTol, 0, 200);
        }

        var pb = new List<double> { 0, 0.5 * Math.PI, Math.PI, 1.5 * Math.PI, 2 * Math.PI };
        pb.Add(phiPeak);
        pb.Sort();
        return Quadrature.AdaptiveBreaks(Meridian, pb, relTol, 0, 400);
    }
}
