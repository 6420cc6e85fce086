using System.IO.Compression;
using OpenSda.Formats.Catalog;
using OpenSda.Testing;

namespace OpenSda.Formats.Tests;

public class CatalogLoaderTests
{
    private static readonly CatalogLoadOptions Strict = new() { StrictChecksums = true };

    [Fact]
    public void The_space_track_2le_catalog_loads_all_26905_objects_without_diagnostics()
    {
        var r = CatalogLoader.LoadFile(SharedData.Data("spacetrack_gp_20240917.tle"), Strict);
        Assert.True(r.Succeeded);
        Assert.Equal(CatalogFormat.Tle, r.Format);
        Assert.Equal(26905, r.LoadedCount);
        Assert.Equal(0, r.RejectedCount);
        Assert.Empty(r.Diagnostics);
        Assert.Equal(26905, r.Entries.Select(e => e.CatalogNumber).Distinct().Count());
        var last = r.Entries.MaxBy(e => e.CatalogNumber)!;
        Assert.Equal(270288, last.CatalogNumber);
        Assert.Equal("T0288", last.CatalogNumberText);
    }

    [Fact]
    public void Three_corrupted_lines_reject_three_sets_and_the_diagnostics_name_those_lines()
    {
        var lines = File.ReadAllLines(SharedData.Data("spacetrack_gp_20240917.tle"));
        // Line numbers are 1-based: corrupt a line 2 eccentricity, a line 1 epoch, and a line 1's leading "1 ".
        lines[1001] = lines[1001][..26] + "12X4567" + lines[1001][33..];
        lines[20000] = lines[20000][..20] + "2A0.5" + lines[20000][25..];
        lines[40000] = "X" + lines[40000][1..];
        var path = Path.Combine(Path.GetTempPath(), $"opensda-corrupt-{Guid.NewGuid():N}.tle");
        File.WriteAllLines(path, lines);
        try
        {
            var r = CatalogLoader.LoadFile(path);
            Assert.Equal(26902, r.LoadedCount);
            Assert.Equal(3, r.RejectedCount);
            var errors = r.Errors.ToList();
            Assert.Equal(3, errors.Count);
            Assert.Equal([1002, 20001, 40001], errors.Select(e => e.Line).Order().ToArray());
            Assert.Contains(errors, e => e.Line == 1002 && e.Field == "ECCENTRICITY");
            Assert.Contains(errors, e => e.Line == 20001 && e.Field == "EPOCH");
            Assert.Contains(errors, e => e.Line == 40001 && e.Field == "LINE1");
            Assert.All(errors, e => Assert.StartsWith(path + ":" + e.Line + ": ", e.ToString(), StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_space_track_3le_catalog_with_crlf_endings_loads_fully()
    {
        var r = CatalogLoader.LoadFile(SharedData.Data("spacetrack_3le_20231009.txt"), Strict);
        Assert.Equal(26140, r.LoadedCount);
        Assert.Equal(0, r.RejectedCount);
        Assert.Empty(r.Diagnostics);
        Assert.Equal("VANGUARD 1", r.Entries[0].Elements.Name);
        Assert.Equal(1, r.Entries[0].Provenance.Line);
        Assert.All(r.Entries, e => Assert.False(string.IsNullOrEmpty(e.Elements.Name)));
    }

    [Fact]
    public void The_celestrak_csv_loads_26834_objects_keeping_567_analyst_numbers_of_80000_and_above()
    {
        var r = CatalogLoader.LoadFile(SharedData.Data("celestrak_on_orbit_20241101.csv"));
        Assert.Equal(CatalogFormat.OmmCsv, r.Format);
        Assert.Equal(26834, r.LoadedCount);
        Assert.Equal(0, r.RejectedCount);
        Assert.Empty(r.Errors);
        Assert.Equal(567, r.Entries.Count(e => e.CatalogNumber >= 80000));
        Assert.Equal(270387, r.Entries.Max(e => e.CatalogNumber));
        var v = r.Entries[0];
        Assert.Equal("VANGUARD 1", v.Elements.Name);
        Assert.Equal("1958-002B", v.Elements.InternationalDesignator);
        Assert.Equal(5, v.CatalogNumber);
        Assert.Equal(0.1843421, v.Elements.Eccentricity, 1e-15);
        Assert.Equal(0.16091e-2, v.Elements.BStar, 1e-15);
        Assert.Equal(999, v.Elements.ElementSetNumber);
        Assert.Equal(2, v.Provenance.Line);
    }

    [Fact]
    public void The_bundled_gzip_catalog_is_detected_by_its_magic_bytes()
    {
        var gz = Path.Combine(SharedData.RepoRoot, "data", "catalog", "celestrak_on_orbit_20241101.csv.gz");
        var r = CatalogLoader.LoadFile(gz);
        Assert.Equal(CatalogFormat.OmmCsv, r.Format);
        Assert.Equal(26834, r.LoadedCount);

        // Same bytes under a misleading name still load: detection reads content, not the file name.
        var path = Path.Combine(Path.GetTempPath(), $"opensda-{Guid.NewGuid():N}.txt");
        File.Copy(gz, path);
        try
        {
            Assert.Equal(26834, CatalogLoader.LoadFile(path).LoadedCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_gzipped_tle_stream_is_detected_as_tle()
    {
        var text = File.ReadAllText(SharedData.Data("historic_collisions_last_tles.3le"));
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new StreamWriter(gz))
            w.Write(text);
        ms.Position = 0;
        var r = CatalogLoader.Load(ms, "collisions.3le.gz");
        Assert.Equal(CatalogFormat.Tle, r.Format);
        Assert.Equal(4, r.LoadedCount);
        Assert.Equal(new[] { "IRIDIUM 33", "COSMOS 2251", "CERISE", "ARIANE 1 DEB" }, r.Entries.Select(e => e.Elements.Name ?? "").ToArray());
    }

    [Fact]
    public void All_33_entries_of_vallado_sgp4_ver_load_with_the_bad_checksums_as_warnings()
    {
        var r = CatalogLoader.LoadFile(SharedData.Data("sgp4-verification", "SGP4-VER.TLE"));
        Assert.Equal(33, r.LoadedCount);
        Assert.Equal(0, r.RejectedCount);
        Assert.All(r.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.All(r.Diagnostics, d => Assert.Equal("CHECKSUM", d.Field));
        // 33333 lines 1 and 2, 33334 line 1, 33335 lines 1 and 2.
        Assert.Equal(5, r.Diagnostics.Count);
        Assert.Equal(2, r.Entries.Count(e => e.CatalogNumber == 20413));
        Assert.Null(r.Entries.Single(e => e.CatalogNumber == 88888).Elements.InternationalDesignator);
        Assert.Equal(-0.13525e-3, r.Entries.Single(e => e.CatalogNumber == 21897).Elements.BStar, 1e-15);
        Assert.Equal(0.00001, r.Entries.Single(e => e.CatalogNumber == 33334).Elements.MeanMotionRevPerDay, 1e-15);
    }

    [Fact]
    public void Under_strict_checksums_only_the_three_bad_checksum_entries_of_sgp4_ver_are_rejected()
    {
        var r = CatalogLoader.LoadFile(SharedData.Data("sgp4-verification", "SGP4-VER.TLE"), Strict);
        Assert.Equal(30, r.LoadedCount);
        Assert.Equal(3, r.RejectedCount);
        Assert.DoesNotContain(r.Entries, e => e.CatalogNumber is 33333 or 33334 or 33335);
        Assert.All(r.Errors, d => Assert.Equal("CHECKSUM", d.Field));
    }

    [Fact]
    public void A_missing_file_gives_a_clear_error_result_instead_of_throwing()
    {
        var r = CatalogLoader.LoadFile("/nonexistent/catalog.tle");
        Assert.False(r.Succeeded);
        Assert.Equal(0, r.LoadedCount);
        Assert.Contains("cannot read file", r.FatalError, StringComparison.Ordinal);
        Assert.StartsWith("/nonexistent/catalog.tle: FILE: cannot read file", Assert.Single(r.Diagnostics).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unrecognised_content_gives_an_error_result()
    {
        var r = CatalogLoader.LoadText("hello world\nthis is not a catalog\n", "x.dat");
        Assert.False(r.Succeeded);
        Assert.Contains("unrecognised catalog format", r.FatalError, StringComparison.Ordinal);
    }

    [Fact]
    public void Provenance_records_the_source_line_format_and_retrieval_time()
    {
        var when = new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var r = CatalogLoader.LoadText(File.ReadAllText(SharedData.Data("historic_collisions_last_tles.3le")), "https://example.test/x.3le",
            new CatalogLoadOptions { RetrievedUtc = when });
        var p = r.Entries[1].Provenance;
        Assert.Equal("https://example.test/x.3le", p.Source);
        Assert.Equal(4, p.Line);
        Assert.Equal(CatalogFormat.Tle, p.Format);
        Assert.Equal(when, p.RetrievedUtc);
    }

    [Fact]
    public void The_space_track_omm_csv_with_quoted_values_loads_all_63_sets()
    {
        var r = CatalogLoader.LoadFile(SharedData.Data("iridium33_cosmos2251_gp_history_2009.csv"));
        Assert.Equal(CatalogFormat.OmmCsv, r.Format);
        Assert.Equal(63, r.LoadedCount);
        Assert.Empty(r.Errors);
        var first = r.Entries[0].Elements;
        Assert.Equal(24946, first.CatalogNumber);
        Assert.Equal("IRIDIUM 33", first.Name);
        Assert.Equal(0.000030852, first.BStar, 1e-15);
    }
}
