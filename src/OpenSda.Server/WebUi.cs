using Microsoft.Extensions.FileProviders;
using OpenSda.Server.Api;

namespace OpenSda.Server;

/// <summary>
/// The dashboard (src/OpenSda.Web, built into <c>wwwroot/</c> beside the program) served at <c>/</c>, and the
/// endpoints it needs (<see cref="WebApi"/>, <see cref="OverflightApi"/>). Static files need no key: they hold
/// no data; everything shown comes from the API with the user's key. A strict Content-Security-Policy keeps
/// the page from loading or sending anything outside the server's origin ('unsafe-eval': Cesium.js builds some
/// functions from strings at run time; still only scripts of this origin run).
/// </summary>
internal static class WebUi
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' blob: 'unsafe-eval' 'wasm-unsafe-eval'; worker-src 'self' blob:; img-src 'self' data: blob:; " +
        "style-src 'self' 'unsafe-inline'; connect-src 'self' data: blob:; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>The folder the dashboard is served from, or null when the program was built without it.</summary>
    public static string? Root()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return File.Exists(Path.Combine(dir, "index.html")) ? dir : null;
    }

    public static IServiceCollection AddWebUi(this IServiceCollection services) => services.AddSingleton<WebCatalogCache>();

    public static WebApplication UseWebUi(this WebApplication app)
    {
        if (Root() is not { } root) return app;
        var files = new PhysicalFileProvider(root);
        app.Use(async (ctx, next) =>
        {
            if (!ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                ctx.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                ctx.Response.Headers.XContentTypeOptions = "nosniff";
                ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
            }
            await next(ctx).ConfigureAwait(false);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = c =>
            {
                // Hashed bundles and Cesium's files never change under one name; index.html is always revalidated.
                c.Context.Response.Headers.CacheControl = c.File.Name == "index.html" ? "no-cache" : "public, max-age=3600";
            },
        });
        return app;
    }

    public static RouteGroupBuilder MapWebUiApi(this RouteGroupBuilder api) => api.MapWebApi().MapOverflightApi().MapManeuverApi();
}
