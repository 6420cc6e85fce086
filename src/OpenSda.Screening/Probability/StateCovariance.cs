using OpenSda.Mathematics;

namespace OpenSda.Screening.Probability;

/// <summary>The frame in which a <see cref="StateCovariance"/> is expressed.</summary>
public enum CovarianceFrame
{
    /// <summary>Earth-centred inertial (the frame of the states; EME2000/J2000 for CDMs).</summary>
    Eci,

    /// <summary>
    /// Radial / transverse (in-track) / normal frame of the object itself, CARA's "RIC" and the CCSDS CDM
    /// "RTN": R̂ = r/|r|, N̂ = (r×v)/|r×v|, T̂ = N̂×R̂.
    /// </summary>
    Rtn,
}

/// <summary>Where an object's covariance came from.</summary>
public enum CovarianceSource
{
    /// <summary>Supplied with the data (CDM, orbit determination).</summary>
    Provided,

    /// <summary>Synthesised by <see cref="DefaultCovarianceModel"/>; results based on it are assumptions.</summary>
    DefaultModel,
}

/// <summary>
/// A 6×6 position–velocity covariance (order x y z ẋ ẏ ż) in metres and seconds: m², m²/s, m²/s²,
/// the CCSDS CDM convention. A 3×3 position-only covariance is stored with zero velocity rows.
/// </summary>
/// <param name="ValuesM">The matrix, metre-based units.</param>
/// <param name="Frame">The frame the matrix is expressed in.</param>
/// <param name="Source">Whether the covariance was provided or synthesised by a model.</param>
public sealed record StateCovariance(Mat6 ValuesM, CovarianceFrame Frame, CovarianceSource Source = CovarianceSource.Provided)
{
    private readonly Mat6 _valuesM = ValuesM;
    private readonly Mat3 _positionBlockM = ValuesM.PositionBlock;
    private readonly bool _isPositionOnly = ValuesM.IsPositionOnly;

    /// <summary>The 6×6 covariance (m², m²/s, m²/s²).</summary>
    public Mat6 ValuesM
    {
        get => _valuesM;
        init
        {
            _valuesM = value;
            _positionBlockM = value.PositionBlock;
            _isPositionOnly = value.IsPositionOnly;
        }
    }

    /// <summary>The 3×3 position block (m²), cached.</summary>
    internal Mat3 PositionBlockM => _positionBlockM;

    /// <summary>From a 6×6 or 3×3 array in m², m²/s, m²/s².</summary>
    public static StateCovariance FromMeters(double[,] valuesM, CovarianceFrame frame) =>
        new(Mat6.FromArray(valuesM), frame);

    /// <summary>From a 6×6 or 3×3 array in km², km²/s, km²/s² (scaled by 10⁶ to metres).</summary>
    public static StateCovariance FromKilometers(double[,] valuesKm, CovarianceFrame frame) =>
        new(1e6 * Mat6.FromArray(valuesKm), frame);

    /// <summary>A position-only covariance from a 3×3 matrix in m².</summary>
    public static StateCovariance PositionOnly(Mat3 positionM2, CovarianceFrame frame) =>
        new(Mat6.FromBlocks(positionM2, Mat3.Zero, Mat3.Zero, Mat3.Zero), frame);

    /// <summary>True when only the 3×3 position block is populated.</summary>
    public bool IsPositionOnly => _isPositionOnly;

    /// <summary>
    /// The RTN→ECI rotation for a state (columns R̂, T̂, N̂ expressed in ECI), CARA's RIC2ECI.
    /// </summary>
    public static Mat3 RtnToEciRotation(Vec3 position, Vec3 velocity)
    {
        var rHat = position.Unit;
        var nHat = Vec3.Cross(position, velocity).Unit;
        var tHat = Vec3.Cross(nHat, rHat);
        return new Mat3(
            rHat.X, tHat.X, nHat.X,
            rHat.Y, tHat.Y, nHat.Y,
            rHat.Z, tHat.Z, nHat.Z);
    }

    /// <summary>
    /// This covariance in ECI. An RTN covariance is rotated with CARA's convention: the same RTN→ECI
    /// rotation M is applied to the position and to the velocity block, C_eci = diag(M, M)·C_rtn·diag(M, M)ᵀ,
    /// without the ω×r transport term of a rotating frame, and the result is symmetrised
    /// (CARA <c>RIC2ECI</c>; pc-cases README "Conventions").
    /// </summary>
    /// <param name="stateEci">The object's ECI state (any consistent units; only directions are used).</param>
    public StateCovariance ToEci(StateVector stateEci)
    {
        if (Frame == CovarianceFrame.Eci) return this;
        var m = RtnToEciRotation(stateEci.PositionKm, stateEci.VelocityKmS);
        var big = Mat6.FromBlocks(m, Mat3.Zero, Mat3.Zero, m);
        return new StateCovariance(ValuesM.Congruence(big).Symmetrized(), CovarianceFrame.Eci, Source);
    }

    /// <summary>This covariance in the object's RTN frame (inverse of <see cref="ToEci"/>).</summary>
    public StateCovariance ToRtn(StateVector stateEci)
    {
        if (Frame == CovarianceFrame.Rtn) return this;
        var m = RtnToEciRotation(stateEci.PositionKm, stateEci.VelocityKmS).Transpose();
        var big = Mat6.FromBlocks(m, Mat3.Zero, Mat3.Zero, m);
        return new StateCovariance(ValuesM.Congruence(big).Symmetrized(), CovarianceFrame.Rtn, Source);
    }

    /// <summary>This covariance multiplied by <paramref name="factor"/> (e.g. a sigma scale factor squared).</summary>
    public StateCovariance Scaled(double factor) => this with { ValuesM = factor * ValuesM };
}
