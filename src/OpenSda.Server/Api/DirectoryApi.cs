using OpenSda.Storage;

namespace OpenSda.Server.Api;

/// <summary>Organisations (the directory markings are written against) and the API keys of the caller's organisation.</summary>
internal static class DirectoryApi
{
    public sealed record NewKeyRequest(string Role, string? Label);

    public sealed record NewKeyResponse(long Id, string Key, string Role, string Organisation);

    public sealed record Me(string Organisation, IReadOnlyList<string> Groups, string Role, long KeyId);

    public static RouteGroupBuilder MapDirectoryApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("organisations");
        g.MapGet("/organisations", async (HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListOrganisationsAsync(ctx.Caller(), ct).ConfigureAwait(false)))
            .WithName("ListOrganisations").WithSummary("Every organisation and its groups (names only: the directory that markings use).");

        g.MapGet("/organisations/me", async (HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
        {
            var c = ctx.Caller();
            var all = await store.ListOrganisationsAsync(c, ct).ConfigureAwait(false);
            return TypedResults.Ok(new Me(c.OrgName, all.First(o => o.Id == c.OrgId).Groups, c.Role.ToText(), c.KeyId));
        }).WithName("GetMyOrganisation");

        var keys = api.MapGroup("/keys").WithTags("keys");
        keys.MapGet("", async (HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListKeysAsync(ctx.Caller(), ct).ConfigureAwait(false)))
            .WithName("ListKeys").WithSummary("Keys of the caller's organisation (admin). Secrets are never shown again.");
        keys.MapPost("", async Task<IResult> (NewKeyRequest body, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
        {
            if (!EnumText.TryParseRole(body.Role, out var role))
                return TypedResults.Problem(statusCode: 400, title: "Invalid role", detail: "role must be viewer, analyst, provider or admin");
            var c = ctx.Caller();
            var k = await store.AddKeyAsync(c.OrgName, role, body.Label, c, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/v1/keys/{k.Id}", new NewKeyResponse(k.Id, k.Secret, role.ToText(), k.OrgName));
        }).WithName("CreateKey").WithSummary("Creates a key for the caller's own organisation (admin); the secret is in this answer only.");
        keys.MapDelete("/{id:long}", async Task<IResult> (long id, HttpContext ctx, OpenSdaStore store, CancellationToken ct) =>
            await store.RevokeKeyAsync(ctx.Caller(), id, ct).ConfigureAwait(false) ? TypedResults.NoContent() : TypedResults.Problem(statusCode: 404, title: "Not found"))
            .WithName("RevokeKey");
        return api;
    }
}
