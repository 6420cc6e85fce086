using System.Runtime.CompilerServices;
using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>
/// A small immutable row-major 3×3 matrix used for covariance bookkeeping in the collision-probability
/// code (positions in metres, so elements are in m², m²/s or m²/s² depending on the block).
/// </summary>
public readonly record struct Mat3(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    /// <summary>The zero matrix.</summary>
    public static readonly Mat3 Zero = default;

    /// <summary>The identity matrix.</summary>
    public static readonly Mat3 Identity = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Builds a matrix whose rows are the three given vectors.</summary>
    public static Mat3 FromRows(Vec3 r1, Vec3 r2, Vec3 r3) =>
        new(r1.X, r1.Y, r1.Z, r2.X, r2.Y, r2.Z, r3.X, r3.Y, r3.Z);

    /// <summary>Builds a diagonal matrix.</summary>
    public static Mat3 Diagonal(double a, double b, double c) => new(a, 0, 0, 0, b, 0, 0, 0, c);

    /// <summary>Element (i, j), zero-based.</summary>
    public double this[int i, int j] => (i * 3 + j) switch
    {
        0 => M11, 1 => M12, 2 => M13,
        3 => M21, 4 => M22, 5 => M23,
        6 => M31, 7 => M32, 8 => M33,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    /// <summary>The transpose.</summary>
    public Mat3 Transpose() => new(M11, M21, M31, M12, M22, M32, M13, M23, M33);

    /// <summary>The symmetric part (A + Aᵀ)/2.</summary>
    public Mat3 Symmetrized() => new(
        M11, 0.5 * (M12 + M21), 0.5 * (M13 + M31),
        0.5 * (M12 + M21), M22, 0.5 * (M23 + M32),
        0.5 * (M13 + M31), 0.5 * (M23 + M32), M33);

    public static Mat3 operator +(Mat3 a, Mat3 b) => new(
        a.M11 + b.M11, a.M12 + b.M12, a.M13 + b.M13,
        a.M21 + b.M21, a.M22 + b.M22, a.M23 + b.M23,
        a.M31 + b.M31, a.M32 + b.M32, a.M33 + b.M33);

    public static Mat3 operator -(Mat3 a, Mat3 b) => new(
        a.M11 - b.M11, a.M12 - b.M12, a.M13 - b.M13,
        a.M21 - b.M21, a.M22 - b.M22, a.M23 - b.M23,
        a.M31 - b.M31, a.M32 - b.M32, a.M33 - b.M33);

    public static Mat3 operator *(double s, Mat3 a) => new(
        s * a.M11, s * a.M12, s * a.M13, s * a.M21, s * a.M22, s * a.M23, s * a.M31, s * a.M32, s * a.M33);

    public static Mat3 operator *(Mat3 a, Mat3 b) => new(
        a.M11 * b.M11 + a.M12 * b.M21 + a.M13 * b.M31,
        a.M11 * b.M12 + a.M12 * b.M22 + a.M13 * b.M32,
        a.M11 * b.M13 + a.M12 * b.M23 + a.M13 * b.M33,
        a.M21 * b.M11 + a.M22 * b.M21 + a.M23 * b.M31,
        a.M21 * b.M12 + a.M22 * b.M22 + a.M23 * b.M32,
        a.M21 * b.M13 + a.M22 * b.M23 + a.M23 * b.M33,
        a.M31 * b.M11 + a.M32 * b.M21 + a.M33 * b.M31,
        a.M31 * b.M12 + a.M32 * b.M22 + a.M33 * b.M32,
        a.M31 * b.M13 + a.M32 * b.M23 + a.M33 * b.M33);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec3 operator *(Mat3 a, Vec3 v) => new(
        a.M11 * v.X + a.M12 * v.Y + a.M13 * v.Z,
        a.M21 * v.X + a.M22 * v.Y + a.M23 * v.Z,
        a.M31 * v.X + a.M32 * v.Y + a.M33 * v.Z);

    /// <summary>The quadratic form uᵀ A w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Bilinear(Vec3 u, Vec3 w) => Vec3.Dot(u, this * w);

    /// <summary>R A Rᵀ (similarity transform of a covariance by rotation R).</summary>
    public Mat3 Congruence(Mat3 r) => r * this * r.Transpose();

    /// <summary>The determinant.</summary>
    public double Determinant =>
        M11 * (M22 * M33 - M23 * M32) - M12 * (M21 * M33 - M23 * M31) + M13 * (M21 * M32 - M22 * M31);

    /// <summary>The inverse (throws nothing; a singular matrix gives infinities/NaN).</summary>
    public Mat3 Inverse()
    {
        var c11 = M22 * M33 - M23 * M32;
        var c12 = M23 * M31 - M21 * M33;
        var c13 = M21 * M32 - M22 * M31;
        var det = M11 * c11 + M12 * c12 + M13 * c13;
        var k = 1.0 / det;
        return new Mat3(
            c11 * k, (M13 * M32 - M12 * M33) * k, (M12 * M23 - M13 * M22) * k,
            c12 * k, (M11 * M33 - M13 * M31) * k, (M13 * M21 - M11 * M23) * k,
            c13 * k, (M12 * M31 - M11 * M32) * k, (M11 * M22 - M12 * M21) * k);
    }

    /// <summary>The trace.</summary>
    public double Trace => M11 + M22 + M33;
}
