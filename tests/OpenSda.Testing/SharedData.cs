namespace OpenSda.Testing;

/// <summary>
/// Locates the read-only reference folder <c>shared/</c> that sits beside the repository
/// (<c>../shared</c> from the repo root). Set <c>OPENSDA_SHARED</c> to override.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The absolute path of <c>shared/</c>.</summary>
    public static string RootPath => Root.Value;

    /// <summary>The absolute path of a file below <c>shared/data/</c>.</summary>
    public static string Data(params string[] parts) => Path.Combine([RootPath, "data", .. parts]);

    /// <summary>The repository root (the folder holding <c>Directory.Build.props</c>).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                    return dir.FullName;
            }
            throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("OPENSDA_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
            return Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, "README.md")) && Directory.Exists(Path.Combine(candidate, "data")))
                return candidate;
        }
        throw new DirectoryNotFoundException(
            "shared/ not found: place it beside the repository (../shared) or set OPENSDA_SHARED.");
    }
}
