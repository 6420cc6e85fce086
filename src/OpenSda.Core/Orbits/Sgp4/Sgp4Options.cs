namespace OpenSda.Orbits.Sgp4;

/// <summary>
/// Earth gravity constants SGP4 runs with (Vallado et al. 2006, AIAA 2006-6753, section "Gravitational
/// constants", routine <c>getgravconst</c>). Element sets are fitted with WGS-72, so that is the default;
/// the others exist for comparison and reproduce what other programs do.
/// </summary>
public enum Sgp4GravityModel
{
    /// <summary>WGS-72 with xke derived from μ and Rₑ (the reference default): μ = 398600.8 km³/s², Rₑ = 6378.135 km.</summary>
    Wgs72 = 0,

    /// <summary>WGS-72 as in Spacetrack Report #3: μ = 398600.79964 km³/s², xke = 0.0743669161 given directly.</summary>
    Wgs72Old = 1,

    /// <summary>WGS-84: μ = 398600.5 km³/s², Rₑ = 6378.137 km, with the WGS-84 J2, J3, J4. Not what TLEs are fitted with.</summary>
    Wgs84 = 2,
}

/// <summary>
/// SGP4 operation mode (Vallado et al. 2006, section "Operation mode"): the reference's <c>opsmode</c>.
/// </summary>
public enum Sgp4OperationMode
{
    /// <summary>'i', improved: Greenwich sidereal time at epoch from the IAU-82 GMST formula; no AFSPC angle wrapping.</summary>
    Improved = 0,

    /// <summary>
    /// 'a', AFSPC compatibility: sidereal time at epoch from the 1970-based AFSPC polynomial, and the node
    /// is wrapped to [0, 2π) in the Lyddane branch of the deep-space periodics, as AFSPC's intrinsics did.
    /// </summary>
    Afspc = 1,
}

/// <summary>The numbers of one <see cref="Sgp4GravityModel"/>, in the units SGP4 uses.</summary>
/// <param name="MuKm3S2">Gravitational parameter, km³/s².</param>
/// <param name="RadiusEarthKm">Equatorial radius, km (SGP4's unit of distance).</param>
/// <param name="Xke">√(μ/Rₑ³) in 1/min (SGP4's unit of time is such that the mean motion is in Earth radii per minute).</param>
/// <param name="J2">Second zonal harmonic.</param>
/// <param name="J3">Third zonal harmonic.</param>
/// <param name="J4">Fourth zonal harmonic.</param>
public readonly record struct Sgp4GravityConstants(double MuKm3S2, double RadiusEarthKm, double Xke, double J2, double J3, double J4)
{
    /// <summary>Minutes per SGP4 time unit, 1/xke.</summary>
    public double TuMin => 1.0 / Xke;

    /// <summary>J3/J2.</summary>
    public double J3OverJ2 => J3 / J2;

    /// <summary>The constants of <paramref name="model"/> (reference routine <c>getgravconst</c>).</summary>
    public static Sgp4GravityConstants For(Sgp4GravityModel model)
    {
        switch (model)
        {
            case Sgp4GravityModel.Wgs72Old:
                return new(398600.79964, 6378.135, 0.0743669161, 0.001082616, -0.00000253881, -0.00000165597);
            case Sgp4GravityModel.Wgs84:
            {
                const double mu = 398600.5, re = 6378.137;
                return new(mu, re, 60.0 / Math.Sqrt(re * re * re / mu), 0.00108262998905, -0.00000253215306, -0.00000161098761);
            }
            case Sgp4GravityModel.Wgs72:
            default:
            {
                const double mu = 398600.8, re = 6378.135;
                return new(mu, re, 60.0 / Math.Sqrt(re * re * re / mu), 0.001082616, -0.00000253881, -0.00000165597);
            }
        }
    }
}
