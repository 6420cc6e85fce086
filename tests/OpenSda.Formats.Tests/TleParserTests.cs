using OpenSda.Formats;
using OpenSda.Formats.Catalog;
using OpenSda.Formats.Tle;
using OpenSda.Time;

namespace OpenSda.Formats.Tests;

public class TleParserTests
{
    // ISS element set used as the worked example of the TLE format (CelesTrak / Wikipedia "Two-line element set").
    private const string IssL1 = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927";
    private const string IssL2 = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";

    private static CatalogEntry Parse(string l1, string l2, string? name = null)
    {
        var r = TleParser.Parse(l1, l2, name);
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        return r.Entry!;
    }

    [Fact]
    public void Iss_25544_fields_match_the_hand_decoded_columns()
    {
        var r = TleParser.Parse(IssL1, IssL2, "ISS (ZARYA)");
        Assert.True(r.Success);
        Assert.Empty(r.Diagnostics); // both checksums (7, 7) are right
        var e = r.Entry!.Elements;
        Assert.Equal(25544, e.CatalogNumber);
        Assert.Equal("25544", r.Entry.CatalogNumberText);
        Assert.Equal("ISS (ZARYA)", e.Name);
        Assert.Equal('U', e.Classification);
        Assert.Equal("1998-067A", e.InternationalDesignator);
        // 2008 day 264.51782528: 2008-01-01 0h = JD 2454466.5, + 263 days.
        Assert.Equal(2454729.5, e.EpochUtc.Day);
        Assert.Equal(0.51782528, e.EpochUtc.Fraction, 1e-12);
        Assert.Equal(-0.00002182, e.MeanMotionDot, 1e-15);
        Assert.Equal(0.0, e.MeanMotionDDot);
        Assert.Equal(-0.11606e-4, e.BStar, 1e-15);
        Assert.Equal(0, e.EphemerisType);
        Assert.Equal(292, e.ElementSetNumber);
        Assert.Equal(51.6416, e.InclinationDeg, 1e-12);
        Assert.Equal(247.4627, e.RaanDeg, 1e-12);
        Assert.Equal(0.0006703, e.Eccentricity, 1e-15);
        Assert.Equal(130.5360, e.ArgPerigeeDeg, 1e-12);
        Assert.Equal(325.0288, e.MeanAnomalyDeg, 1e-12);
        Assert.Equal(15.72125391, e.MeanMotionRevPerDay, 1e-12);
        Assert.Equal(56353, e.RevolutionNumber);
    }

    [Fact]
    public void Epoch_years_57_to_99_are_the_1900s_and_00_to_56_the_2000s()
    {
        var e1 = Parse(IssL1.Replace("08264.51782528", "57001.00000000", StringComparison.Ordinal).Remove(68) + "0", IssL2);
        Assert.Equal(JulianDate.FromCalendar(1957, 1, 1).Day, e1.Elements.EpochUtc.Day);
        var e2 = Parse(IssL1.Replace("08264.51782528", "56001.00000000", StringComparison.Ordinal).Remove(68) + "0", IssL2);
        Assert.Equal(JulianDate.FromCalendar(2056, 1, 1).Day, e2.Elements.EpochUtc.Day);
    }

    [Theory]
    [InlineData(" 12345-3", 0.12345e-3)]
    [InlineData("00000+0", 0.0)]
    [InlineData(" 00000-0", 0.0)]
    [InlineData("-11606-4", -0.11606e-4)]
    [InlineData("+47668-4", 0.47668e-4)]
    [InlineData(" 13519-0", 0.13519)]
    [InlineData("-30915-6", -0.30915e-6)]
    [InlineData("        ", 0.0)]
    public void Exponent_fields_have_an_implied_decimal_point_and_a_power_of_ten(string field, double expected)
    {
        Assert.True(TleParser.TryExponent(field, out var v));
        Assert.Equal(expected, v, Math.Abs(expected) * 1e-14 + 1e-300);
    }

    [Theory]
    [InlineData("12A45-3")]
    [InlineData("12345*3")]
    [InlineData("12345-")]
    public void Malformed_exponent_fields_are_refused(string field) => Assert.False(TleParser.TryExponent(field, out _));

    [Fact]
    public void A_name_is_accepted_with_or_without_the_zero_prefix()
    {
        Assert.Equal("ISS (ZARYA)", Parse(IssL1, IssL2, "0 ISS (ZARYA)").Elements.Name);
        Assert.Equal("ISS (ZARYA)", Parse(IssL1, IssL2, "ISS (ZARYA)  ").Elements.Name);
        var r = TleReader.Read("0 ISS (ZARYA)\n" + IssL1 + "\n" + IssL2 + "\nISS (ZARYA)\n" + IssL1 + "\n" + IssL2 + "\n", "mem");
        Assert.Equal(2, r.LoadedCount);
        Assert.All(r.Entries, e => Assert.Equal("ISS (ZARYA)", e.Elements.Name));
        Assert.Equal(1, r.Entries[0].Provenance.Line); // a 3LE record starts at its name line
        Assert.Equal(4, r.Entries[1].Provenance.Line);
    }

    [Fact]
    public void Crlf_endings_a_byte_order_mark_and_non_breaking_spaces_are_accepted()
    {
        var text = "\uFEFF0\u00A0ISS\u00A0(ZARYA)\r\n" + IssL1.Replace(' ', '\u00A0') + "\r\n" + IssL2 + "\r\n";
        var r = TleReader.Read(text, "mem");
        Assert.Equal(1, r.LoadedCount);
        Assert.Empty(r.Diagnostics);
        Assert.Equal("ISS\u00A0(ZARYA)", r.Entries[0].Elements.Name);
        Assert.Equal(25544, r.Entries[0].CatalogNumber);
        Assert.Equal(-0.11606e-4, r.Entries[0].Elements.BStar, 1e-15);
    }

    [Fact]
    public void A_blank_international_designator_reads_as_null()
    {
        var e = Parse("1 11801U          80230.29629788  .01431103  00000-0  14311-1      13",
                      "2 11801  46.7916 230.4354 7318036  47.4722  10.4117  2.28537848    13");
        Assert.Null(e.Elements.InternationalDesignator);
        Assert.Equal(0, e.Elements.EphemerisType); // blank column 63
        Assert.Equal(1, e.Elements.ElementSetNumber);
        Assert.Equal(1, e.Elements.RevolutionNumber);
    }

    [Fact]
    public void Alpha5_catalog_numbers_decode_and_are_kept_as_written()
    {
        var r = TleReader.Read(
            "1 T0288U          24259.50318206  .00000803  00000-0  28028-2 0  9990\n" +
            "2 T0288  80.0000 100.0000 0010000  10.0000 350.0000 14.00000000    12\n", "mem");
        Assert.Equal(1, r.LoadedCount);
        Assert.Equal(270288, r.Entries[0].CatalogNumber);
        Assert.Equal("T0288", r.Entries[0].CatalogNumberText);
    }

    [Fact]
    public void Text_after_column_69_of_line_2_is_ignored()
    {
        var e = Parse("1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753",
                      "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667     0.00      4320.0        360.00");
        Assert.Equal(41366, e.Elements.RevolutionNumber);
        Assert.Equal(10.82419157, e.Elements.MeanMotionRevPerDay, 1e-12);
        Assert.Equal(0.1859667, e.Elements.Eccentricity, 1e-15);
    }

    [Fact]
    public void A_checksum_mismatch_is_a_warning_by_default_and_an_error_when_strict()
    {
        var bad = IssL1[..68] + "3";
        var lenient = TleParser.Parse(bad, IssL2);
        Assert.True(lenient.Success);
        var w = Assert.Single(lenient.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, w.Severity);
        Assert.Equal("CHECKSUM", w.Field);
        Assert.Contains("expected 7", w.Message, StringComparison.Ordinal);

        var strict = TleParser.Parse(bad, IssL2, options: new TleReadOptions { StrictChecksums = true });
        Assert.False(strict.Success);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(strict.Diagnostics).Severity);
    }

    [Fact]
    public void A_broken_field_is_reported_with_the_column_template_above_the_line()
    {
        var badL2 = IssL2.Replace("0006703", "00067X3", StringComparison.Ordinal);
        var r = TleReader.Read(IssL1 + "\n" + badL2 + "\n", "iss.tle");
        Assert.Equal(0, r.LoadedCount);
        Assert.Equal(1, r.RejectedCount);
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(
            "iss.tle:2: ECCENTRICITY: expected eccentricity as 7 digits with an implied leading decimal point in columns 27-33, found \"00067X3\"\n" +
            "  2 NNNNN NNN.NNNN NNN.NNNN NNNNNNN NNN.NNNN NNN.NNNN NN.NNNNNNNNNNNNNN\n" +
            "  2 25544  51.6416 247.4627 00067X3 130.5360 325.0288 15.72125391563537\n" +
            "                            ^^^^^^^",
            d.ToString());
    }

    [Fact]
    public void A_broken_line_1_field_names_the_field_and_shows_the_line_1_template()
    {
        var badL1 = IssL1.Replace("-.00002182", "-.0000Z182", StringComparison.Ordinal);
        var r = TleParser.Parse(badL1, IssL2, source: "x.tle");
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal("MEAN_MOTION_DOT", d.Field);
        Assert.StartsWith("x.tle:1: MEAN_MOTION_DOT: expected", d.ToString(), StringComparison.Ordinal);
        Assert.Contains("  1 NNNNNC NNNNNAAA NNNNN.NNNNNNNN +.NNNNNNNN +NNNNN-N +NNNNN-N N NNNNN\n  " + badL1, d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shifted_line_is_rejected_at_its_first_misplaced_separator()
    {
        var shifted = "2 25544 51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";
        var r = TleParser.Parse(IssL1, shifted);
        Assert.False(r.Success);
        Assert.Equal("LINE2", r.Diagnostics[0].Field);
    }

    [Fact]
    public void Mismatched_catalog_numbers_on_the_two_lines_are_rejected()
    {
        var r = TleParser.Parse(IssL1, IssL2.Replace("25544", "25545", StringComparison.Ordinal));
        Assert.False(r.Success);
        Assert.Equal("NORAD_CAT_ID", r.Diagnostics.First(d => d.IsError).Field);
    }

    [Fact]
    public void A_bad_record_does_not_stop_the_read()
    {
        var text = "0 A\n" + IssL1 + "\n" + "garbage line two\n" + "0 B\n" + IssL1 + "\n" + IssL2 + "\n" + IssL1 + "\n";
        var r = TleReader.Read(text, "m.tle");
        Assert.Equal(1, r.LoadedCount);
        Assert.Equal("B", r.Entries[0].Elements.Name);
        Assert.Equal(2, r.RejectedCount);
        Assert.Contains(r.Errors, d => d.Line == 2 && d.Field == "LINE2");
        Assert.Contains(r.Errors, d => d.Line == 7 && d.Field == "LINE2");
    }
}

public class DesignatorTests
{
    [Theory]
    [InlineData("98067A", "1998-067A")]
    [InlineData("58002B", "1958-002B")]
    [InlineData("85108AA", "1985-108AA")]
    [InlineData("19029BZZ", "2019-029BZZ")]
    [InlineData("70025", "1970-025")] // analyst object: no piece
    public void Short_designators_expand_to_the_cospar_long_form(string shortForm, string longForm)
    {
        Assert.Equal(longForm, OpenSda.Formats.Tle.TleParser.LongDesignator(shortForm));
        Assert.Equal(shortForm, OpenSda.Formats.Tle.TleWriter.ShortDesignator(longForm));
    }
}
