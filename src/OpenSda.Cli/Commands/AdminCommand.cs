using System.CommandLine;
using OpenSda.Storage;

namespace OpenSda.Cli.Commands;

/// <summary>
/// Operator commands against the store, without the server running:
/// <c>admin org add NAME [--group G]...</c>, <c>admin key add --org NAME --role R</c> (prints only the key),
/// <c>admin audit verify</c> (exit 0 when the chain is intact, 1 when it is broken).
/// </summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var admin = new Command("admin", "Administer the sharing server's store: organisations, keys, audit.");
        admin.Subcommands.Add(Org());
        admin.Subcommands.Add(Key());
        admin.Subcommands.Add(Audit());
        return admin;
    }

    private static Option<string?> DbOption() => new("--db") { Description = "sqlite:PATH or \"postgres:CONNSTRING\"; default: SQLite in ./.data/opensda.db" };

    private static async Task<OpenSdaStore?> OpenAsync(string? db, CancellationToken ct)
    {
        DatabaseLocation location;
        try { location = string.IsNullOrWhiteSpace(db) ? DatabaseLocation.Default() : DatabaseLocation.Parse(db); }
        catch (FormatException e) { await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false); return null; }
        return await OpenSdaStore.OpenAsync(location, null, ct).ConfigureAwait(false);
    }

    private static Command Org()
    {
        var name = new Argument<string>("NAME") { Description = "Organisation name (letters, digits, '-', '_', '.')." };
        var group = new Option<string[]>("--group") { Description = "A group the organisation belongs to (repeatable), e.g. ALLIANCE.", AllowMultipleArgumentsPerToken = false };
        var db = DbOption();
        var add = new Command("add", "Add an organisation (or add it to more groups).") { name, group, db };
        add.SetAction(async (parse, ct) =>
        {
            await using var store = await OpenAsync(parse.GetValue(db), ct).ConfigureAwait(false);
            if (store == null) return 2;
            try
            {
                var org = await store.AddOrganisationAsync(parse.GetValue(name)!, parse.GetValue(group) ?? [], "cli", ct).ConfigureAwait(false);
                Console.WriteLine(org.Groups.Count == 0 ? org.Name : $"{org.Name} (groups: {string.Join(", ", org.Groups)})");
                return 0;
            }
            catch (StoreException e) { await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false); return 2; }
        });
        var cmd = new Command("org", "Organisations and their groups.");
        cmd.Subcommands.Add(add);
        return cmd;
    }

    private static Command Key()
    {
        var org = new Option<string>("--org") { Description = "Organisation the key belongs to.", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, analyst, provider or admin.", Required = true };
        role.AcceptOnlyFromAmong("viewer", "analyst", "provider", "admin");
        var label = new Option<string?>("--label") { Description = "A note kept with the key." };
        var db = DbOption();
        var add = new Command("add", "Create an API key; prints only the key on stdout (it is stored hashed and cannot be shown again).") { org, role, label, db };
        add.SetAction(async (parse, ct) =>
        {
            await using var store = await OpenAsync(parse.GetValue(db), ct).ConfigureAwait(false);
            if (store == null) return 2;
            EnumText.TryParseRole(parse.GetValue(role), out var r);
            try
            {
                var key = await store.AddKeyAsync(parse.GetValue(org)!, r, parse.GetValue(label), null, ct).ConfigureAwait(false);
                Console.WriteLine(key.Secret);
                return 0;
            }
            catch (StoreException e) { await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false); return 2; }
        });
        var cmd = new Command("key", "API keys.");
        cmd.Subcommands.Add(add);
        return cmd;
    }

    private static Command Audit()
    {
        var db = DbOption();
        var verify = new Command("verify", "Recompute the audit log's hash chain; exit 0 when intact, 1 when broken.") { db };
        verify.SetAction(async (parse, ct) =>
        {
            await using var store = await OpenAsync(parse.GetValue(db), ct).ConfigureAwait(false);
            if (store == null) return 2;
            var result = await store.Audit.VerifyAsync(ct).ConfigureAwait(false);
            (result.Ok ? Console.Out : Console.Error).WriteLine(result.Message);
            return result.Ok ? 0 : 1;
        });
        var cmd = new Command("audit", "The append-only, hash-chained audit log.");
        cmd.Subcommands.Add(verify);
        return cmd;
    }
}
