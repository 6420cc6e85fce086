using Npgsql;
using OpenSda.Storage;

namespace OpenSda.Testing.Databases;

/// <summary>
/// The databases every storage and server test runs on: SQLite always, PostgreSQL when
/// <c>OPENSDA_TEST_POSTGRES</c> holds a connection string (<c>scripts/postgres.sh</c> prints one).
/// Under CI (<c>CI=true</c>) a missing PostgreSQL is an error, not a silent skip.
/// </summary>
public static class TestDatabases
{
    public const string EnvVar = "OPENSDA_TEST_POSTGRES";

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(EnvVar) is { Length: > 0 } s ? s : null;

    /// <summary>Provider names for <c>[MemberData]</c>: "sqlite" and, where configured, "postgres".</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var d = new TheoryData<string> { "sqlite" };
            if (PostgresConnectionString != null) d.Add("postgres");
            else if (Environment.GetEnvironmentVariable("CI") == "true")
                throw new InvalidOperationException($"CI run without PostgreSQL: run `export {EnvVar}=$(bash scripts/postgres.sh)` first");
            return d;
        }
    }

    /// <summary>A fresh, empty database of the given provider: a temp SQLite file, or a new PostgreSQL database.</summary>
    public static DatabaseLocation Create(string provider)
    {
        if (provider == "sqlite")
        {
            var dir = Path.Combine(Path.GetTempPath(), "opensda-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return new DatabaseLocation(DatabaseProvider.Sqlite, Path.Combine(dir, "opensda.db"));
        }
        var cs = PostgresConnectionString ?? throw new InvalidOperationException($"{EnvVar} is not set");
        var name = "opensda_t_" + Guid.NewGuid().ToString("N")[..16];
        using (var admin = new NpgsqlConnection(cs))
        {
            admin.Open();
            using var cmd = admin.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE {name}";
            cmd.ExecuteNonQuery();
        }
        var b = new NpgsqlConnectionStringBuilder(cs) { Database = name };
        return new DatabaseLocation(DatabaseProvider.Postgres, b.ConnectionString);
    }
}
