using OpenSda.Testing;

namespace OpenSda.Cli.Tests;

public class CatalogCommandTests
{
    [Fact]
    public void Catalog_check_on_the_space_track_snapshot_with_three_corrupted_lines_reports_26902_loaded_3_rejected_and_exits_3()
    {
        var lines = File.ReadAllLines(SharedData.Data("spacetrack_gp_20240917.tle"));
        Assert.Equal(26_905 * 2, lines.Length);
        // Corrupt three records in three different ways: an eccentricity with a letter, a truncated
        // line 1, and a line 2 whose catalog number disagrees with its line 1.
        var bad = new[] { 1001, 20_000, 40_001 }; // zero-based line indexes
        lines[bad[0]] = lines[bad[0]][..26] + "X" + lines[bad[0]][27..];
        lines[bad[1]] = lines[bad[1]][..40];
        lines[bad[2]] = lines[bad[2]][..2] + "99999" + lines[bad[2]][7..];
        var path = Path.Combine(Path.GetTempPath(), $"opensda-corrupt-{Guid.NewGuid():N}.tle");
        File.WriteAllLines(path, lines);
        try
        {
            var r = Cli.Run("catalog", "check", path);
            Assert.Equal(3, r.ExitCode);
            Assert.Equal("loaded 26902, rejected 3", r.StdoutLines[^1]);
            foreach (var index in bad)
                Assert.Contains($"{path}:{index + 1}:", r.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Catalog_check_on_a_clean_file_exits_zero()
    {
        var r = Cli.Run("catalog", "check", SharedData.Data("spacetrack_gp_20240917.tle"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("loaded 26905, rejected 0", r.StdoutLines[^1]);
    }

    [Fact]
    public void Catalog_check_on_a_missing_file_exits_3_with_a_message()
    {
        var r = Cli.Run("catalog", "check", "/nonexistent/catalog.tle");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("/nonexistent/catalog.tle", r.Stderr);
    }

    [Fact]
    public void Catalog_summary_of_the_bundled_catalog_counts_every_object_by_regime()
    {
        var r = Cli.Run("catalog", "summary", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("records,loaded,26834", r.StdoutLines);
        var regimeTotal = r.StdoutLines.Where(l => l.StartsWith("regime,", StringComparison.Ordinal))
                                       .Sum(l => int.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(26_834, regimeTotal);
    }
}
