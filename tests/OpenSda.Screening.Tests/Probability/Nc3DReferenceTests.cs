using System.Text.Json;
using OpenSda.Screening.Probability;
using static OpenSda.Screening.Tests.Probability.PcCases;

namespace OpenSda.Screening.Tests.Probability;

/// <summary>
/// Hall (2021) 3-D Nc against CARA Pc3D_Hall and 2-D Nc against CARA Pc2D_Hall, every case of index.csv at its stated
/// tolerance (1e-3 relative; 5e-3 for the A09-07 CDM run against Alfano's Monte Carlo; 1e-10 absolute for OMITRON-07).
/// </summary>
/// <remarks>
/// CARA's 3D-Nc values sit a systematic +7e-4…+9e-4 (relative) above its own 2D-Nc values for every fast
/// conjunction, where the two methods agree analytically; this implementation's 3D-Nc and 2D-Nc agree to ~1e-6 there,
/// so its 3D-Nc differs from CARA's by that amount (within the 1e-3 tolerance). The offset is consistent with the
/// 5810-point Lebedev sphere rule CARA uses on the creased flux integrand.
/// </remarks>
public class Nc3DReferenceTests
{
    private const string Alfano = "alfano2009_cases.json";
    private const string Real = "cara_pcmethod_conjunctions.json";
    private const string Units = "cara_unit_vector_cases.json";
    private const string Cdms = "cara_sample_cdm_cases.json";

    public static TheoryData<string> AlfanoIds => Ids(Alfano);
    public static TheoryData<string> RealIds => Ids(Real);

    private static Conjunction RealConj(JsonElement c) => Conj(c, c.GetProperty("hbr_m").GetDouble(), "cov_eci");

    [Fact]
    public void Nc3D_rejects_position_only_covariances()
    {
        var r = Hall2021.Compute(Conj(Case(Units, "UT-OMITRON-01"), 20));
        Assert.True(double.IsNaN(r.Pc));
        Assert.True(r.Flags.HasFlag(PcUsageFlags.PositionOnlyCovariance));
        Assert.True(double.IsNaN(Hall2021.ComputeNc2D(Conj(Case(Units, "UT-OMITRON-01"), 20)).Pc));
    }

    [Theory]
    [MemberData(nameof(RealIds))]
    public void Real_conjunction_Nc3D_matches_CARA_Pc3D_Hall_to_1e_3(string id)
    {
        var c = Case(Real, id);
        var e = Expected(c, "Nc3D");
        AssertRel(e.GetProperty("expected").GetDouble(), Hall2021.Compute(RealConj(c)).Pc, RelTol(e), id + " Nc3D");
    }

    [Theory]
    [MemberData(nameof(RealIds))]
    public void Real_conjunction_Nc2D_matches_CARA_Pc2D_Hall_to_1e_3(string id)
    {
        var c = Case(Real, id);
        var e = Expected(c, "Nc2D");
        AssertRel(e.GetProperty("expected").GetDouble(), Hall2021.ComputeNc2D(RealConj(c)).Pc, RelTol(e), id + " Nc2D");
    }

    /// <summary>
    /// Relative speed 0.33 m/s, rectilinear minimum 2600 s after TCA: Q(t) = MD² + ln|A| is far from quadratic and has
    /// several local minima (≈ +1030 s, where 3D-Nc's 1.31e-6 comes from, and ≈ −4660 s). CARA's 2D-Nc (1.80e-11) is the
    /// one seeded from the curvilinear points of the 2D-Pc usage-violation analysis; the same seeding reproduces it.
    /// </summary>
    [Fact]
    public void Nc2D_of_the_0_33_m_s_conjunction_follows_the_seeded_curvilinear_search()
    {
        const string id = "000048901_conj_000048903_20211219_182317_20211217_232706";
        var c = Case(Real, id);
        var e = Expected(c, "Nc2D");
        var r = Hall2021.ComputeNc2D(RealConj(c));
        AssertRel(e.GetProperty("expected").GetDouble(), r.Pc, RelTol(e), "Nc2D");
        Assert.True(r.Flags.HasFlag(PcUsageFlags.LowRelativeSpeed));
    }

    /// <summary>CARA's Alfano runs (Pc3D_Hall_UnitTest / AlfanoTestCases_Pc3D) integrate over the stated window ±T about TCA.</summary>
    [Theory]
    [MemberData(nameof(AlfanoIds))]
    public void Alfano_Nc3D_over_CARA_window_matches_CARA_Pc3D_Hall_to_1e_3(string id)
    {
        var c = Case(Alfano, id);
        var unit = Expected(c, "Pc3D_Hall (Hall 2021 3D-Nc)");
        var p = unit.GetProperty("params");
        var options = new Hall2021Options
        {
            TminLimitS = p.GetProperty("Tmin_limit").GetDouble(),
            TmaxLimitS = p.GetProperty("Tmax_limit").GetDouble(),
            ScanWholeSegment = true,
        };
        var nc = Hall2021.Compute(Conj(c, c.GetProperty("hbr_m").GetDouble()), options).Pc;
        AssertRel(unit.GetProperty("expected").GetDouble(), nc, RelTol(unit), id + " Nc3D (unit test)");
        var csv = Expected(c, "Pc3D_Hall (csv");
        AssertRel(csv.GetProperty("expected").GetDouble(), nc, RelTol(csv), id + " Nc3D (csv)");
    }

    [Fact]
    public void Alfano_07_Nc3D_with_default_window_is_within_5e_3_of_Alfano_Monte_Carlo()
    {
        var c = Case(Alfano, "A09-07");
        var e = Expected(c, "Pc3D_Hall default params");
        AssertRel(e.GetProperty("expected").GetDouble(), Hall2021.Compute(Conj(c, c.GetProperty("hbr_m").GetDouble())).Pc, RelTol(e), "A09-07 default Nc3D");
    }

    [Fact]
    public void Omitron_07_non_positive_definite_case_gives_zero_Nc3D()
    {
        var c = Case(Cdms, "OMITRON-07");
        var e = Expected(c, "Pc3D_Hall");
        var r = Hall2021.Compute(Conj(c, e.GetProperty("hbr_m").GetDouble(), "cov_eci"));
        AssertAbs(0, r.Pc, e.GetProperty("abs_tol").GetDouble(), "OMITRON-07 Nc3D");
    }
}
