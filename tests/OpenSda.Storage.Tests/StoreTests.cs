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
