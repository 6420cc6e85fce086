using OpenSda.Screening.Probability;
using static OpenSda.Screening.Tests.Probability.PcCases;

namespace OpenSda.Screening.Tests.Probability;

/// <summary>Foster (1992) 2-D Pc against CARA and Alfano (2009) reference values (tolerances from pc-cases/index.csv).</summary>
public class Pc2DReferenceTests
{
    private const string Alfano = "alfano2009_cases.json";
    private const string Units = "cara_unit_vector_cases.json";
    private const string Real = "cara_pcmethod_conjunctions.json";
    private const string Samples = "cara_sample_cdm_cases.json";

    public static TheoryData<string> AlfanoIds => Ids(Alfano);
    public static TheoryData<string> RealIds => Ids(Real);

    [Theory]
    [MemberData(nameof(AlfanoIds))]
    public void Alfano_2009_Pc2D_matches_CARA_PcCircle_to_1e_6_and_Alfano_published_to_1e_3(string id)
    {
        var c = Case(Alfano, id);
        var conj = Conj(c, c.GetProperty("hbr_m").GetDouble());
        var pc = Foster1992.Compute(conj, new Pc2DOptions { AdjustTca = false }).Pc;
        var cara = Expected(c, "Pc2D CARA PcCircle exact value");
        AssertRel(cara.GetProperty("expected").GetDouble(), pc, RelTol(cara), id + " CARA_Pc2D");
        var pub = Expected(c, "Pc2D (Foster 1992 circle");
        AssertRel(pub.GetProperty("expected").GetDouble(), pc, RelTol(pub), id + " Alfano published");
    }

    [Theory]
    [MemberData(nameof(RealIds))]
    public void Real_conjunction_Pc2D_with_and_without_TCA_adjustment_matches_CARA_to_1e_6(string id)
    {
        var c = Case(Real, id);
        var conj = Conj(c, c.GetProperty("hbr_m").GetDouble(), "cov_eci");
        var noAdj = Expected(c, "Pc2D_NoAdj");
        AssertRel(noAdj.GetProperty("expected").GetDouble(),
            Foster1992.Compute(conj, new Pc2DOptions { AdjustTca = false }).Pc, RelTol(noAdj), id + " Pc2D_NoAdj");
        var adj = Expected(c, "Pc2D: PcCircle after linear TCA adjustment");
        AssertRel(adj.GetProperty("expected").GetDouble(), Foster1992.Compute(conj).Pc, RelTol(adj), id + " Pc2D");
    }

    [Theory]
    [MemberData(nameof(RealIds))]
    public void RTN_to_ECI_rotation_reproduces_the_CARA_cov_eci_of_each_real_conjunction(string id)
    {
        // CARA RIC2ECI: the same rotation on position and velocity blocks, no omega x r term, symmetrised.
        var c = Case(Real, id);
        foreach (var who in new[] { "primary", "secondary" })
        {
            var o = c.GetProperty(who);
            var rtn = Obj(o, "cov_rtn", CovarianceFrame.Rtn);
            var eci = rtn.Covariance!.ToEci(rtn.StateEci).ValuesM;
            var expected = M(o.GetProperty("cov_eci"));
            double max = 0, err = 0;
            for (var i = 0; i < 6; i++)
                for (var j = 0; j < 6; j++)
                {
                    var scale = Math.Sqrt(Math.Abs(expected[i, i] * expected[j, j]));
                    max = Math.Max(max, scale);
                    err = Math.Max(err, Math.Abs(eci[i, j] - expected[i, j]) / (scale == 0 ? 1 : scale));
                }
            Assert.True(err < 1e-12, $"{id} {who}: max correlation-scaled difference {err:E2}");
        }
    }

    [Fact]
    public void Omitron_01_circle_square_and_equal_area_square_match_CARA()
    {
        var c = Case(Units, "UT-OMITRON-01");
        var conj = Conj(c, 20);
        var opt = new Pc2DOptions { AdjustTca = false };
        AssertRel(2.70601573490125e-05, Foster1992.Compute(conj, opt).Pc, 1e-3, "Foster circle");
        AssertRel(2.70601573490125e-05, Foster1992.Compute(conj, opt).Pc, 1e-3, "PcElrod");
        AssertRel(3.44534649703584e-05, Foster1992.Compute(conj, opt with { Shape = HardBodyShape.Square }).Pc, 1e-3, "Foster square");
        AssertRel(2.70601573490111e-05, Foster1992.Compute(conj, opt with { Shape = HardBodyShape.SquareEqualArea }).Pc, 1e-3, "Foster squareEquArea");
        AssertRel(2.706023476569787e-05, Foster1992.Compute(conj, opt).Pc, 1e-10, "PcCircle (accurate)");
        AssertRel(2.706023476569787e-05, Foster1992.Compute(conj, opt with { Quadrature = Pc2DQuadrature.CaraGaussChebyshev64 }).Pc, 1e-10, "PcCircle GC64");
        AssertRel(2.706023476569786e-05, Foster1992.Compute(conj, opt).Pc, 1e-10, "PcCircle EstimationMode=1");
    }

    [Fact]
    public void Negative_hard_body_radius_gives_zero()
    {
        var conj = Conj(Case(Units, "UT-OMITRON-01"), -20);
        Assert.Equal(0.0, Foster1992.Compute(conj, new Pc2DOptions { AdjustTca = false }).Pc);
    }

    [Fact]
    public void Non_positive_definite_combined_covariance_is_clipped_and_gives_zero()
    {
        var conj = Conj(Case(Units, "UT-NPD-01"), 52.84);
        var r = Foster1992.Compute(conj, new Pc2DOptions { AdjustTca = false });
        Assert.Equal(0.0, r.Pc);
        var gc = Foster1992.Compute(conj, new Pc2DOptions { AdjustTca = false, Quadrature = Pc2DQuadrature.CaraGaussChebyshev64 });
        Assert.Equal(0.0, gc.Pc);
    }

    [Fact]
    public void Multi_HBR_sweep_reproduces_CARA_GC64_regression_to_1e_10_and_the_exact_integral_to_1e_7()
    {
        var c = Case(Units, "UT-MULTI-HBR");
        var e = Expected(c, "PcCircle for each HBR");
        var hbrs = c.GetProperty("hbr_m").EnumerateArray().Select(h => h.ValueKind == System.Text.Json.JsonValueKind.String ? double.PositiveInfinity : h.GetDouble()).ToArray();
        var cara = e.GetProperty("expected").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var exact = e.GetProperty("exact_reference").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        for (var i = 0; i < hbrs.Length; i++)
        {
            var conj = Conj(c, hbrs[i]);
            var gc = Foster1992.Compute(conj, new Pc2DOptions { AdjustTca = false, Quadrature = Pc2DQuadrature.CaraGaussChebyshev64 }).Pc;
            AssertRel(cara[i], gc, 1e-10, $"GC64 HBR={hbrs[i]}");
            var acc = Foster1992.Compute(conj, new Pc2DOptions { AdjustTca = false }).Pc;
            // The projected covariance has condition number ~4e7 and the HBR=10 m Pc sits ~8 sigma in the tail, so
            // the last bits of the inputs move Pc by ~2e-8 relative: the exact reference is only defined that well.
            AssertRel(exact[i], acc, 1e-7, $"exact HBR={hbrs[i]}");
        }
    }

    [Fact]
    public void ConjData_B_Pc_and_encounter_plane_outputs_match_CARA()
    {
        var c = Case(Units, "UT-CONJDATA-B");
        var conj = Conj(c, 10);
        var r = Foster1992.Compute(conj, new Pc2DOptions { AdjustTca = false, Quadrature = Pc2DQuadrature.CaraGaussChebyshev64 });
        AssertRel(2.51493954968373e-15, r.Pc, 1e-9, "Pc");
        var p = r.Plane!;
        AssertRel(123210.123996274, p.SigmaXM, 1e-9, "SemiMajorAxis");
        AssertRel(18.6451744964948, p.SigmaZM, 1e-9, "SemiMinorAxis");
        AssertRel(19168.4020642769, p.MissDistanceM, 1e-9, "MissDistance");
        Assert.True(p.IsPositiveDefinite);
        Assert.False(p.IsRemediated);
    }

    [Fact]
    public void Omitron_07_non_positive_definite_CDM_covariance_gives_zero_Pc()
    {
        var c = Case(Samples, "OMITRON-07");
        var conj = Conj(c, 20, "cov_eci");
        AssertAbs(0.0, Foster1992.Compute(conj, new Pc2DOptions { AdjustTca = false }).Pc, 1e-10, "Foster circle");
        AssertAbs(0.0, Foster1992.Compute(conj).Pc, 1e-10, "PcElrod");
    }
}
