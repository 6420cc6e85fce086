using Dapper;
using OpenSda.Storage;
using OpenSda.Testing.Databases;

namespace OpenSda.Storage.Tests;

public sealed class StoreTests
{
    private const string Iss = """
        ISS (ZARYA)
        1 25544U 98067A   24305.50000000  .00016717  00000-0  10270-3 0  9005
        2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537
        """;

    private static string IssAt(double day) => Iss.Replace("24305.50000000", day.ToString("00000.00000000", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static async Task<(OpenSdaStore Store, Caller A, Caller B, Caller C)> SetUp(string provider)
    {
        var store = await OpenSdaStore.OpenAsync(TestDatabases.Create(provider));
        await store.AddOrganisationAsync("NATION-A", ["ALLIANCE"]);
        await store.AddOrganisationAsync("NATION-B", ["ALLIANCE"]);
        await store.AddOrganisationAsync("ACME");
        var a = (await store.AuthenticateAsync((await store.AddKeyAsync("NATION-A", Role.Provider)).Secret))!;
        var b = (await store.AuthenticateAsync((await store.AddKeyAsync("NATION-B", Role.Provider)).Secret))!;
        var c = (await store.AuthenticateAsync((await store.AddKeyAsync("ACME", Role.Provider)).Secret))!;
        return (store, a, b, c);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Element_set_history_is_kept_and_current_is_the_newest_per_source(string provider)
    {
        var (store, a, _, _) = await SetUp(provider);
        await using var _ = store;
        await store.IngestAsync(a, new IngestRequest(IssAt(24305.5), Releasability.Public, DataMode.Real));
        await store.IngestAsync(a, new IngestRequest(IssAt(24306.5), Releasability.Public, DataMode.Real));
        await store.IngestAsync(a, new IngestRequest(IssAt(24304.5), Releasability.Public, DataMode.Real, "celestrak-gp"));
        var all = await store.GetElsetsAsync(a, 25544, false, Paging.Of(0, 10));
        Assert.Equal(3, all.Total);
        Assert.StartsWith("2024-11-01T12:00", all.Items[0].Epoch, StringComparison.Ordinal);
        var current = await store.GetElsetsAsync(a, 25544, true, Paging.Of(0, 10));
        Assert.Equal(2, current.Total);
        Assert.Equal(["celestrak-gp", "upload"], current.Items.Select(e => e.Source).Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Records_marked_for_a_group_are_hidden_from_non_members_in_lists_and_counts(string provider)
    {
        var (store, a, b, c) = await SetUp(provider);
        await using var _ = store;
        var r = await store.IngestAsync(a, new IngestRequest(Iss, Releasability.Parse("REL TO ALLIANCE"), DataMode.Real));
        Assert.Equal(1, r.Accepted);
        Assert.Equal(1, (await store.SearchObjectsAsync(b, new ObjectQuery(null, null, null, null, null), Paging.Of(0, 10))).Total);
        Assert.Equal(0, (await store.SearchObjectsAsync(c, new ObjectQuery(null, null, null, null, null), Paging.Of(0, 10))).Total);
        Assert.Null(await store.GetObjectAsync(c, 25544));
        Assert.Equal(0, (await store.GetElsetsAsync(c, 25544, false, Paging.Of(0, 10))).Total);
        var detail = await store.GetObjectAsync(b, 25544);
        Assert.Equal("REL TO ALLIANCE", detail!.Preferred!.Releasability);
        Assert.Equal("NATION-A", detail.Preferred.Originator);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_derived_conjunction_is_releasable_only_to_the_intersection_of_its_inputs(string provider)
    {
        var (store, a, b, c) = await SetUp(provider);
        await using var _ = store;
        // ACME's ephemeris: ACME and NATION-A only. A public element set. Derived: REL TO ACME, NATION-A.
        await store.IngestAsync(a, new IngestRequest(Iss, Releasability.Public, DataMode.Real));
        await store.IngestAsync(c, new IngestRequest(Oem("99001"), Releasability.Parse("REL TO NATION-A"), DataMode.Real));
        var eph = (await store.ListEphemeridesAsync(c, null, Paging.Of(0, 10))).Items.Single();
        var elset = (await store.GetElsetsAsync(a, 25544, false, Paging.Of(0, 10))).Items.Single();
        var conj = await store.RecordDerivedConjunctionAsync(a, new DerivedConjunction(25544, 99001, new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc), 0.5, 1e-4, 10,
            [new RecordRef("elset", elset.Id), new RecordRef("ephemeris", eph.Id)], null));
        Assert.Equal("REL TO ACME, NATION-A", conj.Releasability);
        Assert.NotNull(await store.GetConjunctionAsync(c, conj.Id));
        Assert.NotNull(await store.GetConjunctionAsync(a, conj.Id));
        Assert.Null(await store.GetConjunctionAsync(b, conj.Id));
        Assert.Equal(0, (await store.SearchConjunctionsAsync(b, new ConjunctionQuery(null, null, null, null, null, null, null), Paging.Of(0, 10))).Total);
        // NATION-B cannot derive from the ephemeris it cannot see.
        var ex = await Assert.ThrowsAsync<StoreException>(() => store.RecordDerivedConjunctionAsync(b, new DerivedConjunction(25544, 99001, DateTime.UtcNow, 1, null, null,
            [new RecordRef("ephemeris", eph.Id)], null)));
        Assert.Equal(403, ex.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_audit_chain_verifies_and_detects_tampering(string provider)
    {
        var (store, a, _, _) = await SetUp(provider);
        await using var _ = store;
        await store.IngestAsync(a, new IngestRequest(Iss, Releasability.Public, DataMode.Real));
        await store.GetObjectAsync(a, 25544);
        var ok = await store.Audit.VerifyAsync();
        Assert.True(ok.Ok, ok.Message);
        Assert.True(ok.Entries >= 6);
        await using var conn = await store.Db.OpenAsync();
        // The table refuses updates outright...
        await Assert.ThrowsAnyAsync<Exception>(() => conn.ExecuteAsync("UPDATE audit_log SET outcome = 'x' WHERE seq = 2"));
        // ...and an attacker who drops the guard is still caught by the chain.
        if (provider == "sqlite") await conn.ExecuteAsync("DROP TRIGGER audit_log_no_update");
        else await conn.ExecuteAsync("DROP TRIGGER audit_log_no_update ON audit_log");
        await conn.ExecuteAsync("UPDATE audit_log SET outcome = 'forged' WHERE seq = 2");
        var bad = await store.Audit.VerifyAsync();
        Assert.False(bad.Ok);
        Assert.Equal(2, bad.FirstBadSeq);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cached_pages_and_counts_follow_each_write_at_once_and_stay_per_organisation(string provider)
    {
        var (store, a, b, c) = await SetUp(provider);
        await using var _ = store;
        await store.IngestAsync(a, new IngestRequest(Iss, Releasability.Public, DataMode.Real));
        Assert.Equal(1, (await store.SearchObjectsAsync(b, new ObjectQuery(null, null, null, null, null), Paging.Of(0, 10))).Total);
        Assert.Equal(0, (await store.SearchConjunctionsAsync(c, new ConjunctionQuery(null, null, null, null, null, null, null), Paging.Of(0, 10))).Total);
        // A conjunction releasable to the ALLIANCE only: B's cached count grows at once, ACME's stays 0.
        var cdm = "CCSDS_CDM_VERS = 1.0\nCREATION_DATE = 2024-11-01T00:00:00\nORIGINATOR = A\nMESSAGE_ID = T-1\nTCA = 2024-11-02T00:00:00.000\n" +
                  "MISS_DISTANCE = 150 [m]\nOBJECT = OBJECT1\nOBJECT_DESIGNATOR = 25544\nOBJECT = OBJECT2\nOBJECT_DESIGNATOR = 99001\n";
        Assert.Equal(1, (await store.IngestAsync(a, new IngestRequest(cdm, Releasability.Parse("REL TO ALLIANCE"), DataMode.Test))).Accepted);
        var all = new ConjunctionQuery(null, null, null, null, null, null, null);
        Assert.Equal(1, (await store.SearchConjunctionsAsync(b, all, Paging.Of(0, 10))).Total);
        Assert.Single((await store.SearchConjunctionsAsync(b, all, Paging.Of(0, 10))).Items);
        Assert.Equal(0, (await store.SearchConjunctionsAsync(c, all, Paging.Of(0, 10))).Total);
        Assert.Empty((await store.SearchConjunctionsAsync(c, all, Paging.Of(0, 10))).Items);
        // An offset past the end is an empty page with the same count.
        var past = await store.SearchConjunctionsAsync(b, all, Paging.Of(5, 10));
        Assert.Equal(1, past.Total);
        Assert.Empty(past.Items);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Another_process_writes_show_in_cached_counts_within_the_list_ttl(string provider)
    {
        var location = TestDatabases.Create(provider);
        await using var reader = await OpenSdaStore.OpenAsync(location, new StoreOptions { ListCacheTtl = TimeSpan.FromMilliseconds(200) });
        await using (var writer0 = await OpenSdaStore.OpenAsync(location)) await writer0.AddOrganisationAsync("NATION-A");
        await using var writer = await OpenSdaStore.OpenAsync(location);
        var key = await writer.AddKeyAsync("NATION-A", Role.Provider);
        var a = (await reader.AuthenticateAsync(key.Secret))!;
        var wa = (await writer.AuthenticateAsync(key.Secret))!;
        var q = new ObjectQuery(null, null, null, null, null);
        Assert.Equal(0, (await reader.SearchObjectsAsync(a, q, Paging.Of(0, 10))).Total);
        await writer.IngestAsync(wa, new IngestRequest(Iss, Releasability.Public, DataMode.Real));
        // Past the TTL the stale list is served once more while a fresh one is computed.
        long total = 0;
        for (var i = 0; i < 50 && total == 0; i++)
        {
            await Task.Delay(100);
            total = (await reader.SearchObjectsAsync(a, q, Paging.Of(0, 10))).Total;
        }
        Assert.Equal(1, total);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task In_committed_mode_a_read_returns_only_after_its_audit_entry_is_committed(string provider)
    {
        var location = TestDatabases.Create(provider);
        await using var store = await OpenSdaStore.OpenAsync(location, new StoreOptions { AuditReads = AuditReadMode.Committed });
        await store.AddOrganisationAsync("NATION-A");
        var a = (await store.AuthenticateAsync((await store.AddKeyAsync("NATION-A", Role.Viewer)).Secret))!;
        for (var i = 0; i < 5; i++)
        {
            await store.GetObjectAsync(a, 25544 + i);
            await using var conn = await store.Db.OpenAsync();
            // No flush: the entry of the read just answered is already in the table.
            Assert.Equal(1 + i, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND resource LIKE 'object:%'"));
        }
        Assert.True((await store.Audit.VerifyAsync()).Ok);
    }

    [Fact]
    public void Markings_parse_to_one_canonical_human_form()
    {
        Assert.Equal("REL TO ACME-SPACE, ALLIANCE", Releasability.Parse("rel to alliance,  acme-space").ToString());
        Assert.Equal("REL TO ACME-SPACE, ALLIANCE", Releasability.Parse("ALLIANCE,ACME-SPACE").ToString());
        Assert.True(Releasability.Parse("public").IsPublic);
        Assert.False(Releasability.TryParse("REL TO", out _, out _));
        Assert.False(Releasability.TryParse("REL TO A;DROP", out _, out _));
    }

    internal static string Oem(string objectId) => $"""
        CCSDS_OEM_VERS = 2.0
        CREATION_DATE = 2024-11-01T00:00:00
        ORIGINATOR = ACME
        META_START
        OBJECT_NAME = ACME-1
        OBJECT_ID = {objectId}
        CENTER_NAME = EARTH
        REF_FRAME = EME2000
        TIME_SYSTEM = UTC
        START_TIME = 2024-11-01T00:00:00
        STOP_TIME = 2024-11-01T00:02:00
        META_STOP
        2024-11-01T00:00:00 6778.0 0.0 0.0 0.0 7.6686 0.0
        2024-11-01T00:01:00 6772.3 460.0 0.0 -0.52 7.651 0.0
        2024-11-01T00:02:00 6755.2 918.9 0.0 -1.04 7.61 0.0
        """;
}
