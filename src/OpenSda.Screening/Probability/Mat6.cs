namespace OpenSda.Screening.Probability;

/// <summary>
/// An immutable 6×6 matrix (row-major), used for position–velocity covariances and state-transition
/// matrices. Element units follow the holder (covariances here: m², m²/s, m²/s²).
/// </summary>
public sealed class Mat6 : IEquatable<Mat6>
{
    private readonly double[] _a;

    private Mat6(double[] a) => _a = a;

    /// <summary>The 6×6 zero matrix.</summary>
    public static Mat6 Zero { get; } = new(new double[36]);

    /// <summary>The 6×6 identity.</summary>
    public static Mat6 Identity { get; } = FromFunc((i, j) => i == j ? 1 : 0);

    /// <summary>Copies a 6×6 (or 3×3, padded with zeros) array.</summary>
    public static Mat6 FromArray(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var n = a.GetLength(0);
        if ((n != 6 && n != 3) || a.GetLength(1) != n)
            throw new ArgumentException("matrix must be 6x6 or 3x3", nameof(a));
        return FromFunc((i, j) => i < n && j < n ? a[i, j] : 0.0);
    }

    /// <summary>Builds a matrix from a function of (row, column).</summary>
    public static Mat6 FromFunc(Func<int, int, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var a = new double[36];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                a[i * 6 + j] = f(i, j);
        return new Mat6(a);
    }

    /// <summary>Builds the block matrix [[a, b], [c, d]] of 3×3 blocks.</summary>
    public static Mat6 FromBlocks(Mat3 a, Mat3 b, Mat3 c, Mat3 d) => FromFunc((i, j) =>
        (i < 3, j < 3) switch
        {
            (true, true) => a[i, j],
            (true, false) => b[i, j - 3],
            (false, true) => c[i - 3, j],
            _ => d[i - 3, j - 3],
        });

    /// <summary>Element (i, j), zero-based.</summary>
    public double this[int i, int j] => _a[i * 6 + j];

    /// <summary>The 3×3 block starting at (row, col) (0 or 3 each).</summary>
    public Mat3 Block(int row, int col) => new(
        this[row, col], this[row, col + 1], this[row, col + 2],
        this[row + 1, col], this[row + 1, col + 1], this[row + 1, col + 2],
        this[row + 2, col], this[row + 2, col + 1], this[row + 2, col + 2]);

    /// <summary>The position block (upper-left 3×3).</summary>
    public Mat3 PositionBlock => Block(0, 0);

    /// <summary>True when the velocity rows/columns are all zero (a position-only covariance).</summary>
    public bool IsPositionOnly
    {
        get
        {
            for (var i = 0; i < 6; i++)
                for (var j = 0; j < 6; j++)
                    if ((i >= 3 || j >= 3) && _a[i * 6 + j] != 0)
                        return false;
            return true;
        }
    }

    public static Mat6 operator +(Mat6 x, Mat6 y) => FromFunc((i, j) => x[i, j] + y[i, j]);

    public static Mat6 operator *(double s, Mat6 x) => FromFunc((i, j) => s * x[i, j]);

    public static Mat6 operator *(Mat6 x, Mat6 y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var a = new double[36];
        for (var i = 0; i < 6; i++)
            for (var k = 0; k < 6; k++)
            {
                var xik = x._a[i * 6 + k];
                if (xik == 0) continue;
                for (var j = 0; j < 6; j++)
                    a[i * 6 + j] += xik * y._a[k * 6 + j];
            }
        return new Mat6(a);
    }

    /// <summary>Matrix–vector product.</summary>
    public double[] Multiply(ReadOnlySpan<double> v)
    {
        var r = new double[6];
        for (var i = 0; i < 6; i++)
        {
            double s = 0;
            for (var j = 0; j < 6; j++) s += _a[i * 6 + j] * v[j];
            r[i] = s;
        }
        return r;
    }

    /// <summary>The transpose.</summary>
    public Mat6 Transpose() => FromFunc((i, j) => this[j, i]);

    /// <summary>The symmetric part (A + Aᵀ)/2.</summary>
    public Mat6 Symmetrized() => FromFunc((i, j) => 0.5 * (this[i, j] + this[j, i]));

    /// <summary>Φ A Φᵀ.</summary>
    public Mat6 Congruence(Mat6 phi)
    {
        ArgumentNullException.ThrowIfNull(phi);
        return phi * this * phi.Transpose();
    }

    /// <summary>Copies the elements into a new 6×6 array.</summary>
    public double[,] ToArray()
    {
        var r = new double[6, 6];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                r[i, j] = this[i, j];
        return r;
    }

    /// <summary>
    /// Lower-triangular Cholesky factor L with A = L Lᵀ. Non-positive pivots are clamped to zero
    /// (rank-deficient covariances such as position-only ones are allowed).
    /// </summary>
    public double[,] CholeskyLower()
    {
        var l = new double[6, 6];
        for (var j = 0; j < 6; j++)
        {
            var d = this[j, j];
            for (var k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            var ljj = d > 0 ? Math.Sqrt(d) : 0.0;
            l[j, j] = ljj;
            for (var i = j + 1; i < 6; i++)
            {
                var s = this[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = ljj > 0 ? s / ljj : 0.0;
            }
        }
        return l;
    }

    public bool Equals(Mat6? other) => other is not null && _a.AsSpan().SequenceEqual(other._a);

    public override bool Equals(object? obj) => Equals(obj as Mat6);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var x in _a) h.Add(x);
        return h.ToHashCode();
    }
}
