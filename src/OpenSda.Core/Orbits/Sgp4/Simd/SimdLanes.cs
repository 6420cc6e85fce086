using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OpenSda.Orbits.Sgp4.Simd;

/// <summary>
/// The lane operations the SIMD SGP4 kernel is written against, so that one generic kernel
/// (<see cref="Sgp4VectorKernel"/>) runs at 512 and 256 bits: implemented by <see cref="Lanes8"/>
/// (<see cref="Vector512{T}"/>) and <see cref="Lanes4"/> (<see cref="Vector256{T}"/>). The JIT specialises
/// the kernel for each struct and inlines these members, so they cost what the raw intrinsics cost.
/// A mask is a vector whose lanes are all ones (true) or all zeros (false), as the comparisons return.
/// </summary>
internal unsafe interface ISimdDouble<TSelf> where TSelf : unmanaged, ISimdDouble<TSelf>
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }
    /// <summary>True when the hardware runs this width natively (else the runtime emulates it, correctly but slowly).</summary>
    static abstract bool IsHardwareAccelerated { get; }
    /// <summary>Doubles from the first to the last one a <see cref="Load"/> or <see cref="Store"/> touches.</summary>
    static abstract int Extent { get; }
    /// <summary>Where lane <paramref name="lane"/> is loaded from and stored to, in doubles from the address given.</summary>
    static abstract int LaneOffset(int lane);
    static abstract TSelf Create(double x);
    static abstract TSelf Load(double* p);
    static abstract void Store(TSelf v, double* p);
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);
    static abstract TSelf operator &(TSelf a, TSelf b);
    static abstract TSelf operator |(TSelf a, TSelf b);
    static abstract TSelf operator ^(TSelf a, TSelf b);
    /// <summary>a·b + c with one rounding.</summary>
    static abstract TSelf Fma(TSelf a, TSelf b, TSelf c);
    static abstract TSelf Sqrt(TSelf a);
    static abstract TSelf Abs(TSelf a);
    static abstract TSelf Min(TSelf a, TSelf b);
    static abstract TSelf Max(TSelf a, TSelf b);
    static abstract TSelf Truncate(TSelf a);
    /// <summary>e^a (the runtime's vector kernel, within about 1 ulp).</summary>
    static abstract TSelf Exp(TSelf a);
    /// <summary>ln a (the runtime's vector kernel, within about 1 ulp).</summary>
    static abstract TSelf Log(TSelf a);
    static abstract TSelf Lt(TSelf a, TSelf b);
    static abstract TSelf Le(TSelf a, TSelf b);
    static abstract TSelf Gt(TSelf a, TSelf b);
    static abstract TSelf Ge(TSelf a, TSelf b);
    static abstract TSelf Eq(TSelf a, TSelf b);
    /// <summary>a &amp; ~b.</summary>
    static abstract TSelf AndNot(TSelf a, TSelf b);
    /// <summary>Per lane: mask ? ifTrue : ifFalse (bitwise).</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifTrue, TSelf ifFalse);
    /// <summary>True when any lane of the mask is set.</summary>
    static abstract bool Any(TSelf mask);
    /// <summary>True when every lane of the mask is set.</summary>
    static abstract bool All(TSelf mask);
    /// <summary>Mask of the lanes whose bit pattern has <paramref name="bit"/> set.</summary>
    static abstract TSelf BitSet(TSelf v, long bit);
}

/// <summary>8 double lanes in a <see cref="Vector512{T}"/> (the 512-bit path).</summary>
internal readonly unsafe struct Lanes8 : ISimdDouble<Lanes8>
{
    private readonly Vector512<double> _v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private Lanes8(Vector512<double> v) => _v = v;
    public static int Count => 8;
    public static int Extent => 8;
    public static int LaneOffset(int lane) => lane;
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Create(double x) => new(Vector512.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Load(double* p) => new(Vector512.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes8 v, double* p) => v._v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator +(Lanes8 a, Lanes8 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator -(Lanes8 a, Lanes8 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator *(Lanes8 a, Lanes8 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator /(Lanes8 a, Lanes8 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator -(Lanes8 a) => new(-a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator &(Lanes8 a, Lanes8 b) => new(a._v & b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator |(Lanes8 a, Lanes8 b) => new(a._v | b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator ^(Lanes8 a, Lanes8 b) => new(a._v ^ b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Fma(Lanes8 a, Lanes8 b, Lanes8 c) => new(Vector512.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Sqrt(Lanes8 a) => new(Vector512.Sqrt(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Abs(Lanes8 a) => new(Vector512.Abs(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Min(Lanes8 a, Lanes8 b) => new(Vector512.Min(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Max(Lanes8 a, Lanes8 b) => new(Vector512.Max(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Truncate(Lanes8 a) => new(Vector512.Truncate(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Exp(Lanes8 a) => new(Vector512.Exp(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Log(Lanes8 a) => new(Vector512.Log(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Lt(Lanes8 a, Lanes8 b) => new(Vector512.LessThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Le(Lanes8 a, Lanes8 b) => new(Vector512.LessThanOrEqual(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Gt(Lanes8 a, Lanes8 b) => new(Vector512.GreaterThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Ge(Lanes8 a, Lanes8 b) => new(Vector512.GreaterThanOrEqual(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Eq(Lanes8 a, Lanes8 b) => new(Vector512.Equals(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 AndNot(Lanes8 a, Lanes8 b) => new(Vector512.AndNot(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Select(Lanes8 mask, Lanes8 ifTrue, Lanes8 ifFalse) => new(Vector512.ConditionalSelect(mask._v, ifTrue._v, ifFalse._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Lanes8 mask) => mask._v.AsUInt64() != Vector512<ulong>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool All(Lanes8 mask) => Vector512.EqualsAll(mask._v.AsUInt64(), Vector512<ulong>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 BitSet(Lanes8 v, long bit) => new(Vector512.Equals(v._v.AsInt64() & Vector512.Create(bit), Vector512.Create(bit)).AsDouble());
}

/// <summary>4 double lanes in a <see cref="Vector256{T}"/> (the 256-bit path).</summary>
internal readonly unsafe struct Lanes4 : ISimdDouble<Lanes4>
{
    private readonly Vector256<double> _v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private Lanes4(Vector256<double> v) => _v = v;
    public static int Count => 4;
    public static int Extent => 4;
    public static int LaneOffset(int lane) => lane;
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Create(double x) => new(Vector256.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Load(double* p) => new(Vector256.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes4 v, double* p) => v._v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 operator +(Lanes4 a, Lanes4 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 operator -(Lanes4 a, Lanes4 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 operator *(Lanes4 a, Lanes4 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 operator /(Lanes4 a, Lanes4 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 operator -(Lanes4 a) => new(-a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 operator &(Lanes4 a, Lanes4 b) => new(a._v & b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 operator |(Lanes4 a, Lanes4 b) => new(a._v | b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 operator ^(Lanes4 a, Lanes4 b) => new(a._v ^ b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Fma(Lanes4 a, Lanes4 b, Lanes4 c) => new(Vector256.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Sqrt(Lanes4 a) => new(Vector256.Sqrt(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Abs(Lanes4 a) => new(Vector256.Abs(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Min(Lanes4 a, Lanes4 b) => new(Vector256.Min(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Max(Lanes4 a, Lanes4 b) => new(Vector256.Max(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Truncate(Lanes4 a) => new(Vector256.Truncate(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Exp(Lanes4 a) => new(Vector256.Exp(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Log(Lanes4 a) => new(Vector256.Log(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Lt(Lanes4 a, Lanes4 b) => new(Vector256.LessThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Le(Lanes4 a, Lanes4 b) => new(Vector256.LessThanOrEqual(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Gt(Lanes4 a, Lanes4 b) => new(Vector256.GreaterThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Ge(Lanes4 a, Lanes4 b) => new(Vector256.GreaterThanOrEqual(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Eq(Lanes4 a, Lanes4 b) => new(Vector256.Equals(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 AndNot(Lanes4 a, Lanes4 b) => new(Vector256.AndNot(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 Select(Lanes4 mask, Lanes4 ifTrue, Lanes4 ifFalse) => new(Vector256.ConditionalSelect(mask._v, ifTrue._v, ifFalse._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Lanes4 mask) => mask._v.AsUInt64() != Vector256<ulong>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool All(Lanes4 mask) => Vector256.EqualsAll(mask._v.AsUInt64(), Vector256<ulong>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4 BitSet(Lanes4 v, long bit) => new(Vector256.Equals(v._v.AsInt64() & Vector256.Create(bit), Vector256.Create(bit)).AsDouble());
}

/// <summary>
/// Two <see cref="Vector512{T}"/> processed side by side (16 lanes): the second half is loaded from and stored to
/// the next group's columns (<see cref="Col.Count"/>·<see cref="Col.Lanes"/> doubles further): two groups at once. Each operation is two independent instructions, which doubles the instruction-level
/// parallelism of the kernel, whose one long dependency chain per sample otherwise leaves the core waiting on latencies.
/// </summary>
internal readonly unsafe struct Lanes8Pair : ISimdDouble<Lanes8Pair>
{
    public const int Stride = Col.Count * Col.Lanes;
    private readonly Vector512<double> _a, _b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private Lanes8Pair(Vector512<double> a, Vector512<double> b) { _a = a; _b = b; }
    public static int Count => 16;
    public static int Extent => Stride + 8;
    public static int LaneOffset(int lane) => lane < 8 ? lane : Stride + lane - 8;
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Create(double x) => new(Vector512.Create(x), Vector512.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Load(double* p) => new(Vector512.Load(p), Vector512.Load(p + Stride));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes8Pair v, double* p) { v._a.Store(p); v._b.Store(p + Stride); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair operator +(Lanes8Pair a, Lanes8Pair b) => new(a._a + b._a, a._b + b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair operator -(Lanes8Pair a, Lanes8Pair b) => new(a._a - b._a, a._b - b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair operator *(Lanes8Pair a, Lanes8Pair b) => new(a._a * b._a, a._b * b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair operator /(Lanes8Pair a, Lanes8Pair b) => new(a._a / b._a, a._b / b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair operator -(Lanes8Pair a) => new(-a._a, -a._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair operator &(Lanes8Pair a, Lanes8Pair b) => new(a._a & b._a, a._b & b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair operator |(Lanes8Pair a, Lanes8Pair b) => new(a._a | b._a, a._b | b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair operator ^(Lanes8Pair a, Lanes8Pair b) => new(a._a ^ b._a, a._b ^ b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Fma(Lanes8Pair a, Lanes8Pair b, Lanes8Pair c) => new(Vector512.FusedMultiplyAdd(a._a, b._a, c._a), Vector512.FusedMultiplyAdd(a._b, b._b, c._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Sqrt(Lanes8Pair a) => new(Vector512.Sqrt(a._a), Vector512.Sqrt(a._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Abs(Lanes8Pair a) => new(Vector512.Abs(a._a), Vector512.Abs(a._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Min(Lanes8Pair a, Lanes8Pair b) => new(Vector512.Min(a._a, b._a), Vector512.Min(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Max(Lanes8Pair a, Lanes8Pair b) => new(Vector512.Max(a._a, b._a), Vector512.Max(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Truncate(Lanes8Pair a) => new(Vector512.Truncate(a._a), Vector512.Truncate(a._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Exp(Lanes8Pair a) => new(Vector512.Exp(a._a), Vector512.Exp(a._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Log(Lanes8Pair a) => new(Vector512.Log(a._a), Vector512.Log(a._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Lt(Lanes8Pair a, Lanes8Pair b) => new(Vector512.LessThan(a._a, b._a), Vector512.LessThan(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Le(Lanes8Pair a, Lanes8Pair b) => new(Vector512.LessThanOrEqual(a._a, b._a), Vector512.LessThanOrEqual(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Gt(Lanes8Pair a, Lanes8Pair b) => new(Vector512.GreaterThan(a._a, b._a), Vector512.GreaterThan(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Ge(Lanes8Pair a, Lanes8Pair b) => new(Vector512.GreaterThanOrEqual(a._a, b._a), Vector512.GreaterThanOrEqual(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Eq(Lanes8Pair a, Lanes8Pair b) => new(Vector512.Equals(a._a, b._a), Vector512.Equals(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair AndNot(Lanes8Pair a, Lanes8Pair b) => new(Vector512.AndNot(a._a, b._a), Vector512.AndNot(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair Select(Lanes8Pair mask, Lanes8Pair ifTrue, Lanes8Pair ifFalse) => new(Vector512.ConditionalSelect(mask._a, ifTrue._a, ifFalse._a), Vector512.ConditionalSelect(mask._b, ifTrue._b, ifFalse._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Lanes8Pair mask) => (mask._a | mask._b).AsUInt64() != Vector512<ulong>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool All(Lanes8Pair mask) => Vector512.EqualsAll((mask._a & mask._b).AsUInt64(), Vector512<ulong>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8Pair BitSet(Lanes8Pair v, long bit) => new(Vector512.Equals(v._a.AsInt64() & Vector512.Create(bit), Vector512.Create(bit)).AsDouble(), Vector512.Equals(v._b.AsInt64() & Vector512.Create(bit), Vector512.Create(bit)).AsDouble());
}

/// <summary>
/// Two <see cref="Vector256{T}"/> processed side by side (8 lanes): the second half is loaded from and stored to
/// the next four doubles: one whole group of eight lanes at once. Each operation is two independent instructions, which doubles the instruction-level
/// parallelism of the kernel, whose one long dependency chain per sample otherwise leaves the core waiting on latencies.
/// </summary>
internal readonly unsafe struct Lanes4Pair : ISimdDouble<Lanes4Pair>
{
    public const int Stride = 4;
    private readonly Vector256<double> _a, _b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private Lanes4Pair(Vector256<double> a, Vector256<double> b) { _a = a; _b = b; }
    public static int Count => 8;
    public static int Extent => Stride + 4;
    public static int LaneOffset(int lane) => lane < 4 ? lane : Stride + lane - 4;
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Create(double x) => new(Vector256.Create(x), Vector256.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Load(double* p) => new(Vector256.Load(p), Vector256.Load(p + Stride));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes4Pair v, double* p) { v._a.Store(p); v._b.Store(p + Stride); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair operator +(Lanes4Pair a, Lanes4Pair b) => new(a._a + b._a, a._b + b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair operator -(Lanes4Pair a, Lanes4Pair b) => new(a._a - b._a, a._b - b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair operator *(Lanes4Pair a, Lanes4Pair b) => new(a._a * b._a, a._b * b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair operator /(Lanes4Pair a, Lanes4Pair b) => new(a._a / b._a, a._b / b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair operator -(Lanes4Pair a) => new(-a._a, -a._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair operator &(Lanes4Pair a, Lanes4Pair b) => new(a._a & b._a, a._b & b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair operator |(Lanes4Pair a, Lanes4Pair b) => new(a._a | b._a, a._b | b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair operator ^(Lanes4Pair a, Lanes4Pair b) => new(a._a ^ b._a, a._b ^ b._b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Fma(Lanes4Pair a, Lanes4Pair b, Lanes4Pair c) => new(Vector256.FusedMultiplyAdd(a._a, b._a, c._a), Vector256.FusedMultiplyAdd(a._b, b._b, c._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Sqrt(Lanes4Pair a) => new(Vector256.Sqrt(a._a), Vector256.Sqrt(a._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Abs(Lanes4Pair a) => new(Vector256.Abs(a._a), Vector256.Abs(a._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Min(Lanes4Pair a, Lanes4Pair b) => new(Vector256.Min(a._a, b._a), Vector256.Min(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Max(Lanes4Pair a, Lanes4Pair b) => new(Vector256.Max(a._a, b._a), Vector256.Max(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Truncate(Lanes4Pair a) => new(Vector256.Truncate(a._a), Vector256.Truncate(a._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Exp(Lanes4Pair a) => new(Vector256.Exp(a._a), Vector256.Exp(a._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Log(Lanes4Pair a) => new(Vector256.Log(a._a), Vector256.Log(a._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Lt(Lanes4Pair a, Lanes4Pair b) => new(Vector256.LessThan(a._a, b._a), Vector256.LessThan(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Le(Lanes4Pair a, Lanes4Pair b) => new(Vector256.LessThanOrEqual(a._a, b._a), Vector256.LessThanOrEqual(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Gt(Lanes4Pair a, Lanes4Pair b) => new(Vector256.GreaterThan(a._a, b._a), Vector256.GreaterThan(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Ge(Lanes4Pair a, Lanes4Pair b) => new(Vector256.GreaterThanOrEqual(a._a, b._a), Vector256.GreaterThanOrEqual(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Eq(Lanes4Pair a, Lanes4Pair b) => new(Vector256.Equals(a._a, b._a), Vector256.Equals(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair AndNot(Lanes4Pair a, Lanes4Pair b) => new(Vector256.AndNot(a._a, b._a), Vector256.AndNot(a._b, b._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair Select(Lanes4Pair mask, Lanes4Pair ifTrue, Lanes4Pair ifFalse) => new(Vector256.ConditionalSelect(mask._a, ifTrue._a, ifFalse._a), Vector256.ConditionalSelect(mask._b, ifTrue._b, ifFalse._b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Lanes4Pair mask) => (mask._a | mask._b).AsUInt64() != Vector256<ulong>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool All(Lanes4Pair mask) => Vector256.EqualsAll((mask._a & mask._b).AsUInt64(), Vector256<ulong>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes4Pair BitSet(Lanes4Pair v, long bit) => new(Vector256.Equals(v._a.AsInt64() & Vector256.Create(bit), Vector256.Create(bit)).AsDouble(), Vector256.Equals(v._b.AsInt64() & Vector256.Create(bit), Vector256.Create(bit)).AsDouble());
}
