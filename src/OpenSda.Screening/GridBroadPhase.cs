using System.Numerics;
using System.Runtime.CompilerServices;

namespace OpenSda.Screening;

/// <summary>One broad-phase survivor: objects A &lt; B (engine indices) and the sample interval K.</summary>
internal readonly record struct Candidate(int A, int B, int K);

/// <summary>
/// Stage 2 of the screening: for one sample interval, every object's chord box inflated by
/// h_i = d/2 + e_i goes into a uniform spatial hash grid; every pair of overlapping boxes is found once
/// (the pair is reported only in the cell holding the low corner of the boxes' intersection), and
/// then tested exactly with the swept-chord test of <see cref="SweptChordBound"/>.
/// One workspace per thread; no allocation per interval once warm.
/// </summary>
internal sealed class GridBroadPhase
{
    private const int CoordBits = 21;
    private const long CoordOffset = 1L << (CoordBits - 1);
    private const long CoordMask = (1L << CoordBits) - 1;

    /// <summary>One inflated box, one cache line.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = 64)]
    private struct Box
    {
        public double Lx, Ly, Lz, Hx, Hy, Hz;
        public int Obj;
    }

    private Box[] _box = [];
    private long[] _entryCell = [], _sortedCell = [];
    private int[] _entrySlot = [], _entryBucket = [], _sortedSlot = [], _bucketStart = [];

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

    /// <summary>
    /// Runs the grid and chord test on interval <paramref name="k"/>. Positions at the interval's two
    /// ends are read from the chunk arrays at <c>off0 + obj</c> and <c>off1 + obj</c>.
    /// </summary>
    public void Run(int k, ReadOnlySpan<int> active,
        double[] x, double[] y, double[] z, int off0, int off1,
        double[] deviationKm, double thresholdKm, double cellSizeKm,
        bool[]? isPrimary, int[]? group)
    {
        var n = active.Length;
        if (n < 2) return;
        Ensure(ref _box, n);
        var boxes = _box;
        var halfD = 0.5 * thresholdKm;
        var inv = 1.0 / cellSizeKm;

        // Boxes and entry count.
        long entries = 0;
        for (var s = 0; s < n; s++)
        {
            var i = active[s];
            var h = halfD + deviationKm[i];
            double ax = x[off0 + i], bx = x[off1 + i], ay = y[off0 + i], by = y[off1 + i], az = z[off0 + i], bz = z[off1 + i];
            var lx = Math.Min(ax, bx) - h; var hx = Math.Max(ax, bx) + h;
            var ly = Math.Min(ay, by) - h; var hy = Math.Max(ay, by) + h;
            var lz = Math.Min(az, bz) - h; var hz = Math.Max(az, bz) + h;
            ref var bx0 = ref boxes[s];
            bx0.Lx = lx; bx0.Ly = ly; bx0.Lz = lz; bx0.Hx = hx; bx0.Hy = hy; bx0.Hz = hz; bx0.Obj = i;
            entries += (Coord(hx, inv) - Coord(lx, inv) + 1) * (Coord(hy, inv) - Coord(ly, inv) + 1) * (Coord(hz, inv) - Coord(lz, inv) + 1);
        }
        if (entries > int.MaxValue / 4) throw new InvalidOperationException("grid too fine for the boxes");
        var ne = (int)entries;
        Ensure(ref _entryCell, ne); Ensure(ref _entrySlot, ne); Ensure(ref _entryBucket, ne);
        Ensure(ref _sortedCell, ne); Ensure(ref _sortedSlot, ne);
        var tableBits = Math.Max(4, BitOperations.Log2((uint)Math.Max(ne, 1)) + 1);
        var tableSize = 1 << tableBits;
        Ensure(ref _bucketStart, tableSize + 1);
        var counts = _bucketStart.AsSpan(0, tableSize + 1);
        counts.Clear();

        // Entries: every cell each box touches.
        var e = 0;
        var shift = 64 - tableBits;
        for (var s = 0; s < n; s++)
        {
            ref var bs = ref boxes[s];
            long cx0 = Coord(bs.Lx, inv), cx1 = Coord(bs.Hx, inv);
            long cy0 = Coord(bs.Ly, inv), cy1 = Coord(bs.Hy, inv);
            long cz0 = Coord(bs.Lz, inv), cz1 = Coord(bs.Hz, inv);
            for (var cx = cx0; cx <= cx1; cx++)
                for (var cy = cy0; cy <= cy1; cy++)
                    for (var cz = cz0; cz <= cz1; cz++)
                    {
                        var cell = Pack(cx, cy, cz);
                        var bucket = (int)(((ulong)cell * 0x9E3779B97F4A7C15UL) >> shift);
                        _entryCell[e] = cell; _entrySlot[e] = s; _entryBucket[e] = bucket;
                        counts[bucket + 1]++;
                        e++;
                    }
        }
        // Counting sort by bucket.
        for (var b = 0; b < tableSize; b++) counts[b + 1] += counts[b];
        for (var i = 0; i < ne; i++)
        {
            var pos = counts[_entryBucket[i]]++;
            _sortedCell[pos] = _entryCell[i]; _sortedSlot[pos] = _entrySlot[i];
        }
        // counts[b] now holds the end of bucket b (= start of b+1); bucket b starts at previous end.
        var start = 0;
        var d = thresholdKm;
        for (var b = 0; b < tableSize; b++)
        {
            var end = counts[b];
            for (var p = start; p < end - 1; p++)
            {
                var cell = _sortedCell[p];
                ref var ba = ref boxes[_sortedSlot[p]];
                double alx = ba.Lx, aly = ba.Ly, alz = ba.Lz, ahx = ba.Hx, ahy = ba.Hy, ahz = ba.Hz;
                for (var q = p + 1; q < end; q++)
                {
                    if (_sortedCell[q] != cell) continue;
                    ref var bb = ref boxes[_sortedSlot[q]];
                    if (ahx < bb.Lx || bb.Hx < alx || ahy < bb.Ly || bb.Hy < aly || ahz < bb.Lz || bb.Hz < alz) continue;
                    // Owner cell: the one holding the low corner of the intersection.
                    var owner = Pack(Coord(Math.Max(alx, bb.Lx), inv), Coord(Math.Max(aly, bb.Ly), inv), Coord(Math.Max(alz, bb.Lz), inv));
                    if (owner != cell) continue;
                    BoxOverlaps++;
                    var ia = ba.Obj; var ib = bb.Obj;
                    if (isPrimary is not null && !isPrimary[ia] && !isPrimary[ib]) continue;
                    if (group is not null && group[ia] >= 0 && group[ia] == group[ib]) continue;
                    var dx0 = x[off0 + ib] - x[off0 + ia]; var dy0 = y[off0 + ib] - y[off0 + ia]; var dz0 = z[off0 + ib] - z[off0 + ia];
                    var dx1 = x[off1 + ib] - x[off1 + ia]; var dy1 = y[off1 + ib] - y[off1 + ia]; var dz1 = z[off1 + ib] - z[off1 + ia];
                    var dist = SweptChordBound.ChordDistance(dx0, dy0, dz0, dx1, dy1, dz1, out _);
                    if (dist <= d + deviationKm[ia] + deviationKm[ib])
                        Candidates.Add(ia < ib ? new Candidate(ia, ib, k) : new Candidate(ib, ia, k));
                }
            }
            start = end;
        }
    }
}
