using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OpenSda.Screening;

/// <summary>One broad-phase survivor: objects A &lt; B (engine indices) and the sample interval K.</summary>
internal readonly record struct Candidate(int A, int B, int K);

/// <summary>
/// Stage 2 of the screening for one sample interval [t_k, t_k+1]: a uniform spatial hash grid over
/// time-aligned sub-boxes, then the exact swept-chord test of <see cref="SweptChordBound"/>.
/// </summary>
/// <remarks>
/// <para><b>Sub-boxes.</b> The interval's chord parameter s ∈ [0, 1] is cut into m equal slices
/// S_j = [j/m, (j+1)/m]. Object i's sub-box j is the axis-aligned box of its chord points L_i(s), s ∈ S_j
/// (the box of the two end points, the chord being straight), inflated by h_i = d/2 + e_i and padded by
/// p = 10⁻³ km + 10⁻⁶·|coordinate| (which covers the float32 storage of the boxes, relative error
/// 6·10⁻⁸, and the rounding of every double computation below by orders of magnitude).
/// If a pair passes the swept-chord test, |ΔL(s)| ≤ D = d + e_a + e_b at some s; then at that s both chord
/// points lie in their own sub-box of the slice holding s, and they are within D = h_a + h_b of each other,
/// so the two inflated sub-boxes of that slice overlap on every axis. Sub-boxes are m times shorter than
/// the interval's box but keep the same inflation (the deviation bound e_i is relative to the whole chord),
/// so for m = 1 this is exactly the single-box grid.</para>
/// <para><b>Each candidate once.</b> In each slice the grid reports a pair of overlapping boxes only in the
/// cell holding the low corner of their intersection. Across slices, the pair is kept only in the slice
/// holding s_first, the smallest s ∈ [0, 1] with |ΔL(s)| ≤ D (|ΔL(s)|² is a convex quadratic in s, so s_first is
/// its smaller root, or 0). s_first is computed from the same double-precision end points in every slice,
/// so exactly one slice keeps the pair, and by the paragraph above (|ΔL(s_first)| ≤ D up to rounding ≪ p)
/// its sub-boxes overlap in that slice: the grid finds it there. The chord test itself is the unchanged
/// full-interval test, so the survivors are exactly those of the single-box grid, for any m.</para>
/// <para>One workspace per thread; no allocation per interval once warm. Boxes are float32
/// structure-of-arrays copied in cell order, so the pair loop inside a cell reads memory sequentially;
/// the exact test reads the double positions.</para>
/// </remarks>
internal sealed class GridBroadPhase
{
    private const int CoordBits = 21;
    private const long CoordOffset = 1L << (CoordBits - 1);
    private const long CoordMask = (1L << CoordBits) - 1;

    /// <summary>What the exact test needs of one object, one cache line.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct Slot
    {
        public double X0, Y0, Z0, X1, Y1, Z1, Dev;
        public int Obj, Group;
    }

    private Slot[] _slot = [];
    private float[] _lx = [], _ly = [], _lz = [], _hx = [], _hy = [], _hz = [];
    private long[] _entryCell = [], _sortedCell = [];
    private int[] _entrySlot = [], _entryBucket = [], _sortedSlot = [], _bucketStart = [];
    private float[] _slx = [], _sly = [], _slz = [], _shx = [], _shy = [], _shz = [];

    public long BoxOverlaps;
    public readonly List<Candidate> Candidates = [];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Coord(double v, double invCell)
    {
        var c = (long)Math.Floor(v * invCell);
        if (c < -CoordOffset) c = -CoordOffset; else if (c > CoordOffset - 1) c = CoordOffset - 1;
        return c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Pack(long cx, long cy, long cz)
        => ((cx + CoordOffset) & CoordMask) | (((cy + CoordOffset) & CoordMask) << CoordBits) | (((cz + CoordOffset) & CoordMask) << (2 * CoordBits));

    private static void Ensure<T>(ref T[] a, int n)
    {
        if (a.Length < n) a = new T[Math.Max(n, a.Length * 3 / 2)];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Down(double v) => (float)(v - (1e-3 + 1e-6 * Math.Abs(v)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Up(double v) => (float)(v + (1e-3 + 1e-6 * Math.Abs(v)));

    /// <summary>
    /// Runs the grid and chord test on interval <paramref name="k"/> with <paramref name="slices"/> sub-boxes
    /// per object. Positions at the interval's two ends are read from the chunk arrays at
    /// <c>off0 + obj</c> and <c>off1 + obj</c>.
    /// </summary>
    public void Run(int k, ReadOnlySpan<int> active,
        double[] x, double[] y, double[] z, int off0, int off1,
        double[] deviationKm, double thresholdKm, double cellSizeKm, int slices,
        bool[]? isPrimary, int[]? group)
    {
        var n = active.Length;
        if (n < 2) return;
        Ensure(ref _slot, n);
        var slots = _slot;
        for (var s = 0; s < n; s++)
        {
            var i = active[s];
            ref var sl = ref slots[s];
            sl.X0 = x[off0 + i]; sl.Y0 = y[off0 + i]; sl.Z0 = z[off0 + i];
            sl.X1 = x[off1 + i]; sl.Y1 = y[off1 + i]; sl.Z1 = z[off1 + i];
            sl.Dev = deviationKm[i]; sl.Obj = i;
            sl.Group = group is null ? -1 : group[i];
        }
        Ensure(ref _lx, n); Ensure(ref _ly, n); Ensure(ref _lz, n);
        Ensure(ref _hx, n); Ensure(ref _hy, n); Ensure(ref _hz, n);
        var halfD = 0.5 * thresholdKm;
        var inv = 1.0 / cellSizeKm;
        var d = thresholdKm;
        var m = Math.Max(1, slices);
        var invM = 1.0 / m;
        var lxA = _lx; var lyA = _ly; var lzA = _lz; var hxA = _hx; var hyA = _hy; var hzA = _hz;

        for (var j = 0; j < m; j++)
        {
            var sa = j * invM; var sb = j + 1 == m ? 1.0 : (j + 1) * invM;
            // Sub-boxes and entry count.
            long entries = 0;
            for (var s = 0; s < n; s++)
            {
                ref var sl = ref slots[s];
                var h = halfD + sl.Dev;
                double x0 = sl.X0, y0 = sl.Y0, z0 = sl.Z0;
                double ux = sl.X1 - x0, uy = sl.Y1 - y0, uz = sl.Z1 - z0;
                double ax = x0 + sa * ux, bx = x0 + sb * ux, ay = y0 + sa * uy, by = y0 + sb * uy, az = z0 + sa * uz, bz = z0 + sb * uz;
                var lx = Down(Math.Min(ax, bx) - h); var hx = Up(Math.Max(ax, bx) + h);
                var ly = Down(Math.Min(ay, by) - h); var hy = Up(Math.Max(ay, by) + h);
                var lz = Down(Math.Min(az, bz) - h); var hz = Up(Math.Max(az, bz) + h);
                lxA[s] = lx; lyA[s] = ly; lzA[s] = lz; hxA[s] = hx; hyA[s] = hy; hzA[s] = hz;
                entries += (Coord(hx, inv) - Coord(lx, inv) + 1) * (Coord(hy, inv) - Coord(ly, inv) + 1) * (Coord(hz, inv) - Coord(lz, inv) + 1);
            }
            if (entries > int.MaxValue / 4) throw new InvalidOperationException("grid too fine for the boxes");
            var ne = (int)entries;
            Ensure(ref _entryCell, ne); Ensure(ref _entrySlot, ne); Ensure(ref _entryBucket, ne);
            Ensure(ref _sortedCell, ne); Ensure(ref _sortedSlot, ne);
            var nePad = ne + Vector256<float>.Count; // masked SIMD reads run up to 7 past the end
            Ensure(ref _slx, nePad); Ensure(ref _sly, nePad); Ensure(ref _slz, nePad);
            Ensure(ref _shx, nePad); Ensure(ref _shy, nePad); Ensure(ref _shz, nePad);
            var tableBits = Math.Max(4, BitOperations.Log2((uint)Math.Max(ne, 1)) + 1);
            var tableSize = 1 << tableBits;
            Ensure(ref _bucketStart, tableSize + 1);
            var counts = _bucketStart.AsSpan(0, tableSize + 1);
            counts.Clear();

            // Entries: every cell each box touches.
            var e = 0;
            var shift = 64 - tableBits;
            var entryCell = _entryCell; var entrySlot = _entrySlot; var entryBucket = _entryBucket;
            for (var s = 0; s < n; s++)
            {
                long cx0 = Coord(lxA[s], inv), cx1 = Coord(hxA[s], inv);
                long cy0 = Coord(lyA[s], inv), cy1 = Coord(hyA[s], inv);
                long cz0 = Coord(lzA[s], inv), cz1 = Coord(hzA[s], inv);
                for (var cx = cx0; cx <= cx1; cx++)
                    for (var cy = cy0; cy <= cy1; cy++)
                        for (var cz = cz0; cz <= cz1; cz++)
                        {
                            var cell = Pack(cx, cy, cz);
                            var bucket = (int)(((ulong)cell * 0x9E3779B97F4A7C15UL) >> shift);
                            entryCell[e] = cell; entrySlot[e] = s; entryBucket[e] = bucket;
                            counts[bucket + 1]++;
                            e++;
                        }
            }
            // Counting sort by bucket.
            for (var b = 0; b < tableSize; b++) counts[b + 1] += counts[b];
            var sortedCell = _sortedCell; var sortedSlot = _sortedSlot;
            var slx = _slx; var sly = _sly; var slz = _slz; var shx = _shx; var shy = _shy; var shz = _shz;
            for (var i = 0; i < ne; i++)
            {
                var pos = counts[entryBucket[i]]++;
                sortedCell[pos] = entryCell[i]; sortedSlot[pos] = entrySlot[i];
            }
            // Gather the boxes in cell order (sequential writes; the box arrays fit in cache).
            for (var pos = 0; pos < ne; pos++)
            {
                var s = sortedSlot[pos];
                slx[pos] = lxA[s]; sly[pos] = lyA[s]; slz[pos] = lzA[s];
                shx[pos] = hxA[s]; shy[pos] = hyA[s]; shz[pos] = hzA[s];
            }
            // counts[b] now holds the end of bucket b (= start of b+1); bucket b starts at the previous end.
            ref var rlx = ref MemoryMarshal.GetArrayDataReference(slx); ref var rly = ref MemoryMarshal.GetArrayDataReference(sly);
            ref var rlz = ref MemoryMarshal.GetArrayDataReference(slz); ref var rhx = ref MemoryMarshal.GetArrayDataReference(shx);
            ref var rhy = ref MemoryMarshal.GetArrayDataReference(shy); ref var rhz = ref MemoryMarshal.GetArrayDataReference(shz);
            var start = 0;
            for (var b = 0; b < tableSize; b++)
            {
                var end = counts[b];
                for (var p = start; p < end - 1; p++)
                {
                    var vlx = Vector256.Create(slx[p]); var vly = Vector256.Create(sly[p]); var vlz = Vector256.Create(slz[p]);
                    var vhx = Vector256.Create(shx[p]); var vhy = Vector256.Create(shy[p]); var vhz = Vector256.Create(shz[p]);
                    for (var q = p + 1; q < end; q += Vector256<float>.Count)
                    {
                        var o = (nuint)q;
                        var hit = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref rlx, o), vhx)
                                  & Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref rhx, o), vlx)
                                  & Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref rly, o), vhy)
                                  & Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref rhy, o), vly)
                                  & Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref rlz, o), vhz)
                                  & Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref rhz, o), vlz);
                        var bits = hit.ExtractMostSignificantBits();
                        var left = end - q;
                        if (left < Vector256<float>.Count) bits &= (1u << left) - 1;
                        while (bits != 0)
                        {
                            var t = BitOperations.TrailingZeroCount(bits);
                            bits &= bits - 1;
                            Pair(p, q + t, k, j, m, d, inv, isPrimary);
                        }
                    }
                }
                start = end;
            }
        }
    }

    /// <summary>Boxes at sorted positions p and q overlap: owner-cell rule, then the exact chord test and the slice rule.</summary>
    private void Pair(int p, int q, int k, int j, int m, double d, double inv, bool[]? isPrimary)
    {
        var cell = _sortedCell[p];
        if (_sortedCell[q] != cell) return;
        // Owner cell: the one holding the low corner of the intersection.
        var owner = Pack(Coord(Math.Max(_slx[p], _slx[q]), inv), Coord(Math.Max(_sly[p], _sly[q]), inv), Coord(Math.Max(_slz[p], _slz[q]), inv));
        if (owner != cell) return;
        BoxOverlaps++;
        ref var a = ref _slot[_sortedSlot[p]];
        ref var b = ref _slot[_sortedSlot[q]];
        var ia = a.Obj; var ib = b.Obj;
        if (isPrimary is not null && !isPrimary[ia] && !isPrimary[ib]) return;
        if (a.Group >= 0 && a.Group == b.Group) return;
        var dx0 = b.X0 - a.X0; var dy0 = b.Y0 - a.Y0; var dz0 = b.Z0 - a.Z0;
        var dx1 = b.X1 - a.X1; var dy1 = b.Y1 - a.Y1; var dz1 = b.Z1 - a.Z1;
        var dist = SweptChordBound.ChordDistance(dx0, dy0, dz0, dx1, dy1, dz1, out var sMin);
        var big = d + a.Dev + b.Dev;
        if (!(dist <= big)) return;
        if (m > 1 && FirstSlice(dx0, dy0, dz0, dx1, dy1, dz1, big, sMin, m) != j) return;
        Candidates.Add(ia < ib ? new Candidate(ia, ib, k) : new Candidate(ib, ia, k));
    }

    /// <summary>
    /// The slice holding s_first = min{s ∈ [0, 1] : |p0 + s(p1 − p0)| ≤ D}, given that the minimum over
    /// [0, 1] (at <paramref name="sMin"/>) is ≤ D: the smaller root of the convex quadratic, clamped to [0, sMin].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FirstSlice(double x0, double y0, double z0, double x1, double y1, double z1, double big, double sMin, int m)
    {
        var c = x0 * x0 + y0 * y0 + z0 * z0 - big * big;
        double sFirst;
        if (c <= 0) sFirst = 0;
        else
        {
            // c > 0 and a pass imply b < 0 (approaching); the smaller root in the cancellation-free form.
            double ux = x1 - x0, uy = y1 - y0, uz = z1 - z0;
            var a = ux * ux + uy * uy + uz * uz;
            var b = x0 * ux + y0 * uy + z0 * uz;
            var disc = b * b - a * c;
            var den = -b + Math.Sqrt(Math.Max(disc, 0));
            sFirst = den > 0 ? c / den : sMin;
            if (!(sFirst >= 0)) sFirst = 0;
            if (sFirst > sMin) sFirst = sMin;
        }
        var j = (int)(sFirst * m);
        return j >= m ? m - 1 : j;
    }
}
