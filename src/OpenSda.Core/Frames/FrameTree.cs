using OpenSda.Mathematics;
using OpenSda.Time;

namespace OpenSda.Frames;

/// <summary>
/// The IAU-76/FK5 tree of Earth frames (Orekit-style: each frame is attached to a parent by a
/// time-dependent transform), built on one <see cref="TimeScales"/> (for TT, UT1 and Earth-orientation data):
/// <code>
/// GCRF (≈ J2000/EME2000)
///  └─ MOD   mean of date           precession IAU-76           (Vallado Eq. 3-88/3-89)
///      └─ TOD   true of date       nutation IAU-80, 106 terms  (Eq. 3-83/3-86) + EOP δΔψ, δΔε
///          ├─ TEME  true equator, mean equinox: ROT3(Eq_equinox) of TOD (Vallado et al. 2006, AIAA 2006-6753 §"TEME")
///          └─ PEF   pseudo Earth-fixed: ROT3(GAST), GAST = GMST82 + Eq_equinox (Eq. 3-79), rotating at ω⊕(1 − LOD/86400)
///              └─ ITRF  polar motion W = ROT1(yp)·ROT2(xp)  (Eq. 3-77)
/// </code>
/// TEME → PEF is thus ROT3(GMST82), exactly as in Vallado et al. 2006 (teme→ecef), and TEME is SGP4's output frame.
/// </summary>
/// <remarks>
/// <para>
/// GCRF vs J2000: the root is reached through precession and nutation with the EOP celestial-pole
/// corrections δΔψ, δΔε. With those corrections (IERS <c>finals.all</c> IAU-1980 columns) the root is the GCRF
/// as realised by the FK5 reduction (Vallado Example 3-15); without them (the bundled C04 file carries IAU-2000
/// dX, dY instead, so δΔψ = δΔε = 0) it is the mean equator and equinox of J2000 (EME2000), which differs from
/// the GCRF by the ~0.02″ frame bias (≈ 0.7 m at LEO radius). <see cref="J2000"/> is the same node as <see cref="Gcrf"/>.
/// </para>
/// <para>
/// Velocities include only the Earth rotation term ω⊕ (with LOD); precession/nutation rates are neglected,
/// as in Vallado's reductions. Instances are immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class FrameTree
{
    private readonly TimeScales _scales;

    public FrameTree(TimeScales scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        _scales = scales;
        Gcrf = new Frame("GCRF", "Geocentric celestial reference frame (FK5 realisation; J2000/EME2000 when δΔψ = δΔε = 0)", null, FrameId.Gcrf);
        Mod = new Frame("MOD", "Mean equator and mean equinox of date (IAU-76 precession)", Gcrf, FrameId.Mod);
        Tod = new Frame("TOD", "True equator and true equinox of date (IAU-80 nutation)", Mod, FrameId.Tod);
        Teme = new Frame("TEME", "True equator, mean equinox of date (SGP4 output frame)", Tod, FrameId.Teme);
        Pef = new Frame("PEF", "Pseudo Earth-fixed (GAST rotation, no polar motion)", Tod, FrameId.Pef);
        Itrf = new Frame("ITRF", "International terrestrial reference frame (Earth-fixed, with polar motion)", Pef, FrameId.Itrf);
        All = [Gcrf, Mod, Tod, Teme, Pef, Itrf];
    }

    /// <summary>The time scales (and EOP) this tree uses.</summary>
    public TimeScales Scales => _scales;

    public Frame Gcrf { get; }

    /// <summary>Alias of <see cref="Gcrf"/> (see class remarks).</summary>
    public Frame J2000 => Gcrf;

    public Frame Mod { get; }
    public Frame Tod { get; }
    public Frame Teme { get; }
    public Frame Pef { get; }
    public Frame Itrf { get; }

    /// <summary>Every frame of the tree, root first.</summary>
    public IReadOnlyList<Frame> All { get; }

    /// <summary>
    /// A frame by name, case-insensitive: gcrf, j2000, eme2000, eci, mod, tod, teme, pef, itrf, ecef
    /// (for command-line options such as <c>--frame teme|itrf|gcrf</c>).
    /// </summary>
    public bool TryGetFrame(string name, out Frame frame)
    {
        frame = name.ToUpperInvariant() switch
        {
            "GCRF" or "J2000" or "EME2000" or "ECI" => Gcrf,
            "MOD" => Mod,
            "TOD" => Tod,
            "TEME" => Teme,
            "PEF" => Pef,
            "ITRF" or "ITRS" or "ECEF" => Itrf,
            _ => null!,
        };
        return frame is not null;
    }

    /// <summary>Transforms a state (km, km/s) from one frame to another at <paramref name="t"/>.</summary>
    public StateVector Transform(StateVector state, Frame from, Frame to, Instant t) =>
        GetTransform(from, to, t).TransformState(state);

    /// <summary>Transforms a position from one frame to another at <paramref name="t"/>.</summary>
    public Vec3 TransformPosition(Vec3 position, Frame from, Frame to, Instant t) =>
        GetTransform(from, to, t).TransformPosition(position);

    /// <summary>
    /// The transform from <paramref name="from"/> to <paramref name="to"/> at <paramref name="t"/> (rotation matrix plus
    /// angular velocity). Compute it once per instant and apply it to many vectors.
    /// </summary>
    public FrameTransform GetTransform(Frame from, Frame to, Instant t)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (!Owns(from) || !Owns(to)) throw new ArgumentException("frame belongs to another FrameTree");
        if (ReferenceEquals(from, to)) return FrameTransform.Identity;
        var ctx = new Context(this, t);
        // Walk both ends up to the common ancestor.
        var up = FrameTransform.Identity;   // from → ancestor
        var down = FrameTransform.Identity; // ancestor → to
        Frame a = from, b = to;
        while (a.Depth > b.Depth) { up = up.Then(ctx.FromParent(a).Inverse()); a = a.Parent!; }
        while (b.Depth > a.Depth) { down = ctx.FromParent(b).Then(down); b = b.Parent!; }
        while (!ReferenceEquals(a, b))
        {
            up = up.Then(ctx.FromParent(a).Inverse()); a = a.Parent!;
            down = ctx.FromParent(b).Then(down); b = b.Parent!;
        }
        return up.Then(down);
    }

    private bool Owns(Frame f) => f.Id switch
    {
        FrameId.Gcrf => ReferenceEquals(f, Gcrf),
        FrameId.Mod => ReferenceEquals(f, Mod),
        FrameId.Tod => ReferenceEquals(f, Tod),
        FrameId.Teme => ReferenceEquals(f, Teme),
        FrameId.Pef => ReferenceEquals(f, Pef),
        _ => ReferenceEquals(f, Itrf),
    };

    /// <summary>Per-instant quantities, computed once per <see cref="GetTransform"/> call.</summary>
    private sealed class Context(FrameTree tree, Instant t)
    {
        private const double ArcsecToRad = EarthOrientation.ArcsecToRad;
        private EarthOrientation? _eop;
        private double? _ttCenturies;
        private Nutation? _nutation;

        private EarthOrientation Eop => _eop ??= tree._scales.EarthOrientationAt(t);

        private double TtCenturies => _ttCenturies ??= CenturiesSinceJ2000(t.ToJulianDate(tree._scales.Tt));

        private Nutation Nut => _nutation ??= Iau1980.Nutation(TtCenturies, Eop.DPsiArcsec * ArcsecToRad, Eop.DEpsArcsec * ArcsecToRad);

        private double EquationOfEquinoxes() => Iau1980.EquationOfEquinoxes(Nut, t.ToModifiedJulianDate(tree._scales.Ut1));

        public FrameTransform FromParent(Frame f) => f.Id switch
        {
            FrameId.Mod => new FrameTransform(Iau1980.PrecessionMatrix(TtCenturies), Vec3.Zero),
            FrameId.Tod => new FrameTransform(Iau1980.NutationMatrix(Nut), Vec3.Zero),
            FrameId.Teme => new FrameTransform(Matrix3.R3(EquationOfEquinoxes()), Vec3.Zero),
            FrameId.Pef => new FrameTransform(
                Matrix3.R3(Iau1980.Gmst1982(t.ToJulianDate(tree._scales.Ut1)) + EquationOfEquinoxes()),
                new Vec3(0, 0, Iau1980.EarthRotationRateRadS * (1.0 - Eop.LodSeconds / 86_400.0))),
            FrameId.Itrf => new FrameTransform(
                Iau1980.PolarMotionMatrix(Eop.XpArcsec * ArcsecToRad, Eop.YpArcsec * ArcsecToRad).Transpose(), Vec3.Zero),
            _ => FrameTransform.Identity,
        };

        private static double CenturiesSinceJ2000(JulianDate jd) => ((jd.Day - JulianDate.J2000) + jd.Fraction) / 36_525.0;
    }
}
