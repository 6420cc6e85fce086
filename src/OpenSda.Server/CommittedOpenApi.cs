namespace OpenSda.Server;

/// <summary>
/// The OpenAPI document committed in the repository (<c>src/OpenSda.Server/openapi.v1.json</c>), served at
/// <c>/api/v1/openapi.json</c>. The live document is at <c>/openapi/v1.json</c>; a test keeps the two equal.
/// </summary>
internal static class CommittedOpenApi
{
    public const string FileName = "openapi.v1.json";

    public static IResult Result(IWebHostEnvironment env)
    {
        foreach (var p in new[] { Path.Combine(env.ContentRootPath, FileName), Path.Combine(AppContext.BaseDirectory, FileName) })
            if (File.Exists(p)) return Results.File(p, "application/json");
        return Results.Problem(statusCode: 404, title: "Not found", detail: "the committed OpenAPI document is not installed");
    }
}
