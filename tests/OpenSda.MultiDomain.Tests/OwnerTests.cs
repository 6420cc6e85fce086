using OpenSda.Orbits;
using OpenSda.Time;
using Xunit.Abstractions;

namespace OpenSda.MultiDomain.Tests;

public class OwnerTests(ITestOutputHelper output)
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Data", "satcat-sample.csv");

    private static MeanElements Named(int id, string name) => new()
    {
        CatalogNumber = id, Name = name, EpochUtc = JulianDate.FromCalendar(2024, 11, 1, 0, 0, 0),
        MeanMotionRevPerDay = 15, Eccentricity = 0.001, InclinationDeg = 53, RaanDeg = 0, ArgPerigeeDeg = 0, MeanAnomalyDeg = 0,
    };

    [Theory]
    [InlineData(44714, "US")]   // STARLINK-1008
    [InlineData(33757, "CIS")]  // COSMOS 2251 DEB
    [InlineData(41473, "PRC")]  // YAOGAN-30 01
    [InlineData(41727, "PRC")]  // GAOFEN-3
    [InlineData(54262, "PRC")]  // CZ-6A DEB
    [InlineData(40697, "ESA")]  // SENTINEL-2A
    [InlineData(44057, "UK")]   // ONEWEB-0012
    [InlineData(24841, "IRID")] // IRIDIUM 16
    [InlineData(43800, "FIN")]  // ICEYE-X2
    [InlineData(43111, "IND")]  // CARTOSAT-2F
    [InlineData(16182, "CIS")]  // SL-16 R/B
    [InlineData(25544, "ISS")]  // ISS (ZARYA), a catalog-number row
    public void The_bundled_owner_table_attributes_well_known_series_by_name_pattern(int id, string owner)
    {
        var table = SatelliteOwnerTable.LoadBundled();
        Assert.Empty(table.Diagnostics);
        Assert.Equal(owner, table.OwnerOf(TestCatalog.Get(id)));
    }

    [Fact]
    public void The_bundled_owner_table_covers_most_named_payloads_of_the_catalog()
    {
        var table = SatelliteOwnerTable.LoadBundled();
        var catalog = TestCatalog.Elements;
        var known = catalog.Count(e => table.OwnerOf(e) is not null);
        var byOwner = catalog.GroupBy(table.OwnerOf).Where(g => g.Key is not null).OrderByDescending(g => g.Count())
                             .Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"{known} of {catalog.Count} objects attributed: {string.Join(", ", byOwner)}");
        // Starlink alone is about 6,500 objects; COSMOS names (payloads and debris) about 2,000.
        Assert.True(known > catalog.Count / 2, $"only {known} of {catalog.Count} attributed");
    }

    [Fact]
    public void Catalog_number_rows_override_patterns_and_the_first_matching_pattern_wins()
    {
        var table = SatelliteOwnerTable.Parse(
            "# test table\nSTARLINK-1*,XX,first\nSTARLINK*,US,SpaceX\n44714,ZZ,,a row\nno owner here\n", "t.csv");
        Assert.Equal("t.csv:5: expected 'match,owner[,operator[,note]]'", Assert.Single(table.Diagnostics).ToString());
        Assert.Equal("ZZ", table.OwnerOf(Named(44714, "STARLINK-1008")));  // the row wins over both patterns
        Assert.Equal("XX", table.OwnerOf(Named(44715, "STARLINK-1009")));  // the first pattern that matches
        Assert.Equal("US", table.OwnerOf(Named(50000, "starlink-3001")));  // case-insensitive
        Assert.Null(table.OwnerOf(Named(50001, "COSMOS 2558")));
        var rule = table.RuleFor(Named(50000, "STARLINK-3001"))!;
        Assert.Equal(("SpaceX", 3), (rule.Operator, rule.Line));
        Assert.Equal(["US", "XX", "ZZ"], table.Owners);
    }

    [Fact]
    public void A_celestrak_satcat_csv_is_read_by_header_with_quoted_names_and_bad_rows_reported()
    {
        var satcat = SatcatReader.Load(Fixture);
        Assert.Equal(8, satcat.Records.Count);
        var diagnostic = Assert.Single(satcat.Diagnostics);
        Assert.Equal(10, diagnostic.Line);
        Assert.Contains("NORAD_CAT_ID: 'ABC'", diagnostic.Message, StringComparison.Ordinal);
        var iss = satcat.Records[0];
        Assert.Equal(new SatcatRecord(25544, "ISS (ZARYA)", "1998-067A", "PAY", "+", "ISS", new DateOnly(1998, 11, 20), null, 2), iss);
        var quoted = satcat.Records[^1];
        Assert.Equal("SAMPLE, QUOTED \"NAME\"", quoted.Name);
        Assert.Equal(("TBD", new DateOnly(2024, 2, 1)), (quoted.Owner, quoted.DecayDate));
        Assert.True(SatcatReader.LooksLikeSatcat(File.ReadAllText(Fixture)));
        Assert.False(SatcatReader.LooksLikeSatcat("# owners\nSTARLINK*,US\n"));
    }

    [Fact]
    public void Space_track_satcat_column_names_are_accepted_too()
    {
        var satcat = SatcatReader.Parse("INTLDES,NORAD_CAT_ID,OBJECT_TYPE,SATNAME,COUNTRY,LAUNCH,DECAY\n" +
                                        "1998-067A,25544,PAYLOAD,ISS (ZARYA),ISS,1998-11-20,\n", "st.csv");
        var r = Assert.Single(satcat.Records);
        Assert.Equal((25544, "ISS (ZARYA)", "ISS", "PAYLOAD"), (r.CatalogNumber, r.Name, r.Owner, r.ObjectType));
        Assert.Empty(satcat.Diagnostics);
    }

    [Fact]
    public void A_satcat_laid_over_the_bundled_table_wins_and_patterns_fill_the_rest()
    {
        var bundled = SatelliteOwnerTable.LoadBundled();
        var satcat = SatelliteOwnerTable.Load(Fixture);   // recognised as a SATCAT by its header
        Assert.Equal(8, satcat.Rules.Count);
        var merged = bundled.Overlay(SatelliteOwnerTable.Parse("44714,TEST\n", "override.csv")).Overlay(satcat);
        Assert.Equal("US", merged.OwnerOf(TestCatalog.Get(44714)));     // the SATCAT row beats the override and the pattern
        Assert.Equal("FIN", merged.OwnerOf(TestCatalog.Get(43800)));
        Assert.Equal("PRC", merged.OwnerOf(TestCatalog.Get(41473)));    // not in the SATCAT: the bundled pattern
        Assert.Equal("TEST", bundled.Overlay(SatelliteOwnerTable.Parse("44714,TEST\n", "o.csv")).OwnerOf(TestCatalog.Get(44714)));
        Assert.Contains("satcat-sample.csv", merged.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Overflights_of_the_satellites_of_one_owner_contain_only_that_owners_passes()
    {
        var table = SatelliteOwnerTable.LoadBundled();
        var esa = table.Select(TestCatalog.Elements, ["esa"]).ToList();
        Assert.Contains(esa, e => e.CatalogNumber == 40697);               // SENTINEL-2A
        Assert.DoesNotContain(esa, e => e.CatalogNumber == 44714);         // a Starlink
        Assert.All(esa, e => Assert.Equal("ESA", table.OwnerOf(e)));
        var t0 = TestCatalog.Snapshot;
        var area = new CircleArea(50.45, 30.52, 500);
        var found = OverflightFinder.Find(esa, area, t0, t0.AddSeconds(86_400), TestCatalog.Scales,
                                          new OverflightOptions { HalfAngleDeg = 45 }).Items;
        var ids = esa.Select(e => e.CatalogNumber).ToHashSet();
        Assert.NotEmpty(found);
        Assert.All(found, o => Assert.Contains(o.CatalogNumber, ids));
        // Sun-synchronous Sentinels cross a 500 km circle with a 45° sensor within a day.
        Assert.Contains(found, o => o.Name!.StartsWith("SENTINEL", StringComparison.Ordinal));
        output.WriteLine($"{esa.Count} ESA objects, {found.Count} overflights, {found.Select(o => o.CatalogNumber).Distinct().Count()} objects seen");
    }
}
