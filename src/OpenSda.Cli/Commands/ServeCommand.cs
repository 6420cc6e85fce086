using System.CommandLine;
using Microsoft.Extensions.Hosting;
using OpenSda.Server;

namespace OpenSda.Cli.Commands;

/// <summary><c>opensda serve [--urls URL] [--db sqlite:PATH | --db "postgres:CONNSTRING"] [--seed-demo]</c>: runs the sharing server.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (loopback by default).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var db = new Option<string?>("--db") { Description = "sqlite:PATH or \"postgres:CONNSTRING\"; default: SQLite in ./.data/opensda.db" };
        var seed = new Option<bool>("--seed-demo") { Description = "Add the demo organisations (NATION-A, NATION-B in ALLIANCE; ACME-SPACE with an OEM) and print one key per organisation and role." };
        var noCatalog = new Option<bool>("--no-bundled-catalog") { Description = "Do not load the bundled catalog on first start." };
        var cmd = new Command("serve", "Run the sharing server: REST API under /api/v1, streaming, ingest. Loads the bundled catalog as PUBLIC on first start.")
        {
            urls, db, seed, noCatalog,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var args = new List<string> { "--urls", parse.GetValue(urls)! };
            if (parse.GetValue(db) is { Length: > 0 } d)
            {
                try { Storage.DatabaseLocation.Parse(d); }
                catch (FormatException e) { await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false); return 2; }
                args.Add($"--{ServerOptions.Section}:Db={d}");
            }
            if (parse.GetValue(seed)) args.Add($"--{ServerOptions.Section}:SeedDemo=true");
            if (parse.GetValue(noCatalog)) args.Add($"--{ServerOptions.Section}:LoadBundledCatalog=false");
            var app = ServerHost.Build([.. args]);
            await app.StartAsync(ct).ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return cmd;
    }
}
