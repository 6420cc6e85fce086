using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>Small dense-matrix kernels (row-major spans) for the Hall (2021) Nc computations.</summary>
internal static class Dense
{
    /// <summary>C = A·B for n×n matrices.</summary>
    public static void Mul(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                double s = 0;
                for (var k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
                c[i * n + j] = s;
            }
    }

    /// <summary>P = J·Q·Jᵀ (6×6), symmetrised.</summary>
    public static void Congruence6(ReadOnlySpan<double> j, ReadOnlySpan<double> q, Span<double> p)
    {
        Span<double> t = stackalloc double[36];
        Mul(j, q, t, 6);
        for (var r = 0; r < 6; r++)
            for (var c = 0; c < 6; c++)
            {
                double s = 0;
                for (var k = 0; k < 6; k++) s += t[r * 6 + k] * j[c * 6 + k];
                p[r * 6 + c] = s;
            }
        for (var r = 0; r < 6; r++)
            for (var c = r + 1; c < 6; c++)
            {
                var m = 0.5 * (p[r * 6 + c] + p[c * 6 + r]);
                p[r * 6 + c] = m;
                p[c * 6 + r] = m;
            }
    }

    /// <summary>Inverse of an n×n matrix by Gauss–Jordan elimination with partial pivoting; false if singular.</summary>
    public static bool Invert(ReadOnlySpan<double> a, Span<double> inv, int n)
    {
        Span<double> m = stackalloc double[n * n];
        a.CopyTo(m);
        for (var i = 0; i < n * n; i++) inv[i] = 0;
        for (var i = 0; i < n; i++) inv[i * n + i] = 1;
        for (var col = 0; col < n; col++)
        {
            var piv = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(m[r * n + col]) > Math.Abs(m[piv * n + col])) piv = r;
            if (m[piv * n + col] == 0) return false;
            if (piv != col)
                for (var k = 0; k < n; k++)
                {
                    (m[col * n + k], m[piv * n + k]) = (m[piv * n + k], m[col * n + k]);
                    (inv[col * n + k], inv[piv * n + k]) = (inv[piv * n + k], inv[col * n + k]);
                }
            var d = 1 / m[col * n + col];
            for (var k = 0; k < n; k++)
            {
                m[col * n + k] *= d;
                inv[col * n + k] *= d;
            }
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var f = m[r * n + col];
                if (f == 0) continue;
                for (var k = 0; k < n; k++)
                {
                    m[r * n + k] -= f * m[col * n + k];
                    inv[r * n + k] -= f * inv[col * n + k];
                }
            }
        }
        return true;
    }

    public static Mat3 Block3(ReadOnlySpan<double> p6, int row, int col) => new(
        p6[(row + 0) * 6 + col], p6[(row + 0) * 6 + col + 1], p6[(row + 0) * 6 + col + 2],
        p6[(row + 1) * 6 + col], p6[(row + 1) * 6 + col + 1], p6[(row + 1) * 6 + col + 2],
        p6[(row + 2) * 6 + col], p6[(row + 2) * 6 + col + 1], p6[(row + 2) * 6 + col + 2]);

    /// <summary>Eigen-decomposition of a symmetric 3×3 matrix by cyclic Jacobi rotations: A = V·diag(λ)·Vᵀ (columns of V).</summary>
    public static (Vec3 Lambda, Mat3 V) EigSym(Mat3 s)
    {
        Span<double> a = [s.M11, 0.5 * (s.M12 + s.M21), 0.5 * (s.M13 + s.M31), 0.5 * (s.M12 + s.M21), s.M22, 0.5 * (s.M23 + s.M32), 0.5 * (s.M13 + s.M31), 0.5 * (s.M23 + s.M32), s.M33];
        Span<double> v = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        for (var sweep = 0; sweep < 50; sweep++)
        {
            var off = Math.Abs(a[1]) + Math.Abs(a[2]) + Math.Abs(a[5]);
            var diag = Math.Abs(a[0]) + Math.Abs(a[4]) + Math.Abs(a[8]);
            if (off <= 1e-300 || off < 1e-17 * diag) break;
            for (var p = 0; p < 2; p++)
                for (var q = p + 1; q < 3; q++)
                {
                    var apq = a[p * 3 + q];
                    if (apq == 0) continue;
                    var app = a[p * 3 + p];
                    var aqq = a[q * 3 + q];
                    var theta = (aqq - app) / (2 * apq);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var sn = t * c;
                    for (var k = 0; k < 3; k++)
                    {
                        var akp = a[k * 3 + p];
                        var akq = a[k * 3 + q];
                        a[k * 3 + p] = c * akp - sn * akq;
                        a[k * 3 + q] = sn * akp + c * akq;
                    }
                    for (var k = 0; k < 3; k++)
                    {
                        var apk = a[p * 3 + k];
                        var aqk = a[q * 3 + k];
                        a[p * 3 + k] = c * apk - sn * aqk;
                        a[q * 3 + k] = sn * apk + c * aqk;
                    }
                    for (var k = 0; k < 3; k++)
                    {
                        var vkp = v[k * 3 + p];
                        var vkq = v[k * 3 + q];
                        v[k * 3 + p] = c * vkp - sn * vkq;
                        v[k * 3 + q] = sn * vkp + c * vkq;
                    }
                }
        }
        return (new Vec3(a[0], a[4], a[8]), new Mat3(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
    }

    /// <summary>
    /// Inverse and determinant of a symmetric 3×3 matrix after clipping its eigenvalues from below at
    /// <paramref name="clip"/> (CARA CovRemEigValClip; Hall et al. 2017 NPD remediation).
    /// </summary>
    public static (Mat3 Inverse, double Det) ClippedInverse(Mat3 s, double clip)
    {
        var (l, v) = EigSym(s);
        var l1 = Math.Max(l.X, clip);
        var l2 = Math.Max(l.Y, clip);
        var l3 = Math.Max(l.Z, clip);
        var d = Mat3.Diagonal(1 / l1, 1 / l2, 1 / l3);
        return ((v * d * v.Transpose()).Symmetrized(), l1 * l2 * l3);
    }
}
