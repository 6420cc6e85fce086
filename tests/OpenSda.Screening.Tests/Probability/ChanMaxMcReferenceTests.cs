using System.Text.Json;
using OpenSda.Screening.Probability;
using static OpenSda.Screening.Tests.Probability.PcCases;

namespace OpenSda.Screening.Tests.Probability;

/// <summary>Chan (1997), maximum-Pc bounds and Monte Carlo against the shared references.</summary>
public class ChanMaxMcReferenceTests
{
    private const string Plane = "encounter_plane_cases.json";
    private const string Samples = "cara_sample_cdm_cases.json";
    private const string Alfano = "alfano2009_cases.json";

    public static TheoryData<string> PlaneIds => Ids(Plane);
    public static TheoryData<string> AlfanoIds => Ids(Alfano);

    [Theory]
    [MemberData(nameof(PlaneIds))]
    public void Chan_series_reproduces_Orekit_Chan1997_within_Orekit_tolerance(string id)
    {
        var c = Case(Plane, id);
        var i = c.GetProperty("inputs");
        var e = Expected(c).First(x => x.GetProperty("orekit_class").GetString() == "Chan1997");
        var pc = Chan1997.Series(i.GetProperty("xm_m").GetDouble(), i.GetProperty("ym_m").GetDouble(),
            i.GetProperty("sigma_x_m").GetDouble(), i.GetProperty("sigma_y_m").GetDouble(), i.GetProperty("hbr_m").GetDouble());
        AssertAbs(e.GetProperty("expected").GetDouble(), pc, e.GetProperty("abs_tol").GetDouble(), id + " Chan1997");
    }

    [Theory]
    [MemberData(nameof(PlaneIds))]
    public void Exact_circle_integral_matches_the_40_digit_reference_of_every_encounter_plane_case_to_1e_9(string id)
    {
        var c = Case(Plane, id);
        var i = c.GetProperty("inputs");
        var exact = Expected(c, "exact 2-D integral");
        var ev = exact.GetProperty("expected");
        var value = ev.ValueKind == JsonValueKind.String ? double.Parse(ev.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : ev.GetDouble();
        var pc = Foster1992.Circle(i.GetProperty("xm_m").GetDouble(), i.GetProperty("ym_m").GetDouble(),
            i.GetProperty("sigma_x_m").GetDouble(), i.GetProperty("sigma_y_m").GetDouble(), i.GetProperty("hbr_m").GetDouble());
        AssertRel(value, pc, RelTol(exact), id + " exact");
    }

    [Theory]
    [InlineData("SINGLECOV-1-4")]
    [InlineData("SINGLECOV-1-6")]
    [InlineData("SINGLECOV-1-8")]
    [InlineData("SINGLECOV-1-10")]
    [InlineData("SINGLECOV-1-12")]
    [InlineData("SINGLECOV-1-14")]
    public void Frisbee_max_Pc_with_one_covariance_matches_CARA_to_1_percent(string id)
    {
        var c = Case(Samples, id);
        foreach (var e in Expected(c))
        {
            var hbr = e.GetProperty("hbr_m").GetDouble();
            var conj = Conj(c, hbr, "cov_eci");
            var primaryZeroed = e.GetProperty("method").GetString()!.Contains("primary cov zeroed", StringComparison.Ordinal);
            var pc = MaximumPc.Frisbee2015(conj, HardBodyShape.SquareEqualArea, ignorePrimary: primaryZeroed, ignoreSecondary: !primaryZeroed);
            AssertRel(e.GetProperty("expected").GetDouble(), pc, RelTol(e), id + " " + e.GetProperty("method").GetString());
        }
    }

    [Fact]
    public void Frisbee_example_max_Pc_matches_to_5e_7_absolute()
    {
        var c = Case(Samples, "FRISBEE-01");
        foreach (var e in Expected(c))
        {
            var conj = Conj(c, e.GetProperty("hbr_m").GetDouble(), "cov_eci");
            var pc = MaximumPc.Frisbee2015(conj, ignoreSecondary: true);
            AssertAbs(e.GetProperty("expected").GetDouble(), pc, e.GetProperty("abs_tol").GetDouble(), e.GetProperty("method").GetString()!);
        }
    }

    [Theory]
    [InlineData("OMITRON-01")]
    [InlineData("OMITRON-03")]
    [InlineData("OMITRON-05")]
    public void Dilution_max_Pc_matches_CARA_to_half_a_percent(string id)
    {
        var c = Case(Samples, id);
        var e = Expected(c, "DilutionMaxPc");
        var conj = Conj(c, e.GetProperty("hbr_m").GetDouble(), "cov_eci");
        var (max, diluted) = MaximumPc.Dilution(conj);
        AssertRel(e.GetProperty("expected").GetDouble(), max, RelTol(e), id + " DilutionMaxPc");
        Assert.True(diluted);
    }

    [Theory]
    [MemberData(nameof(AlfanoIds))]
    public void Frisbee_max_Pc_is_at_least_the_CARA_lower_bound_for_Alfano_cases(string id)
    {
        var c = Case(Alfano, id);
        var e = Expected(c, "FrisbeeMaxPc");
        var conj = Conj(c, c.GetProperty("hbr_m").GetDouble());
        Assert.True(MaximumPc.Frisbee2015(conj, ignoreSecondary: true) >= e.GetProperty("expected").GetDouble());
    }

    [Theory]
    [InlineData("OMITRON-01")]
    [InlineData("OMITRON-03")]
    [InlineData("OMITRON-05")]
    public void Monte_Carlo_matches_CARA_two_body_Monte_Carlo_to_10_percent(string id)
    {
        var c = Case(Samples, id);
        var e = Expected(c, "Monte Carlo");
        var conj = Conj(c, e.GetProperty("hbr_m").GetDouble(), "cov_eci");
        var r = MonteCarloPc.Compute(conj, 2_000_000, 7);
        AssertRel(e.GetProperty("expected").GetDouble(), r.Pc, RelTol(e), id + " MC");
        Assert.InRange(r.Pc, r.Lower95!.Value, r.Upper95!.Value);
    }

    [Fact]
    public void Monte_Carlo_matches_CARA_Kep2body_for_Alfano_case_5_to_10_percent()
    {
        var c = Case(Alfano, "A09-05");
        var e = Expected(c, "Monte Carlo Pc_MC_Kep2body");
        var r = MonteCarloPc.Compute(Conj(c, 10), 400_000, 11);
        AssertRel(e.GetProperty("expected").GetDouble(), r.Pc, RelTol(e), "A09-05 MC");
    }
}
