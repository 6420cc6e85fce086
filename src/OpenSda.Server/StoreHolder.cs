using Microsoft.Extensions.Options;
using OpenSda.Storage;

namespace OpenSda.Server;

/// <summary>Opens the configured store once (applying migrations) for the life of the server.</summary>
internal static class StoreHolder
{
    public static OpenSdaStore Open(IServiceProvider sp)
    {
        var o = sp.GetRequiredService<IOptions<ServerOptions>>().Value;
        var location = string.IsNullOrWhiteSpace(o.Db) ? DatabaseLocation.Default(o.DataFolder) : DatabaseLocation.Parse(o.Db);
        var store = OpenSdaStore.OpenAsync(location, new StoreOptions
        {
            Clock = sp.GetRequiredService<TimeProvider>(),
            AuditReads = o.AuditReads,
            ReadConnections = o.ReadConnections,
            ListCacheTtl = o.ListCacheTtl,
        }).GetAwaiter().GetResult();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("OpenSda.Store");
        log.LogInformation("Store open at {Location}", location.ToString());
        store.WriteProgress += (id, n) => log.LogInformation("Ingest {IngestId} writing {Records} records", id, n);
        return store;
    }
}
