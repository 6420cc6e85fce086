using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenSda.Server.Api;
using OpenSda.Storage;

namespace OpenSda.Server;

/// <summary>Builds and runs the sharing server: the host, its services, middleware and the API.</summary>
public static class ServerHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => { o.IncludeScopes = false; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; o.UseUtcTimestamp = true; });
        configure?.Invoke(builder);
        ConfigureServices(builder);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    internal static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StoreHolder.Open(sp));
        services.AddSingleton<StreamHub>();
        services.AddSingleton<ScreeningQueue>();
        services.AddSingleton<IScreeningEngine, CatalogScreeningEngine>();
        services.AddSingleton<FeedPuller>();
        services.AddWebUi();
        services.AddHttpClient(FeedPuller.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(2));
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<ScreeningWorker>();
        services.AddHostedService<FeedScheduler>();
        services.AddHostedService<ScreeningScheduler>();

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<StoreExceptionHandler>();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "OpenSDA sharing server";
            doc.Info.Version = "v1";
            doc.Servers?.Clear();
            doc.Info.Description = "Catalog store, ingest, releasability-filtered queries and streaming. Every endpoint but /health needs Authorization: Bearer KEY.";
            return Task.CompletedTask;
        }));

        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser().Build());

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "1";
                var limit = ctx.HttpContext.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.RateLimitPerSecond;
                await Results.Problem(statusCode: 429, title: "Too many requests", detail: $"at most {limit} requests per second per API key")
                    .ExecuteAsync(ctx.HttpContext).ConfigureAwait(false);
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                // Authentication has run: a known key is partitioned by its id (no hashing per request); anything else by token hash or address.
                var key = ctx.Items.TryGetValue(ApiKeyAuthentication.CallerItem, out var c) && c is Caller caller ? "id:" + caller.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : ApiKeyAuthentication.BearerToken(ctx.Request) is { } token ? "k:" + OpenSdaStoreKeys.Hash(token) : "ip:" + ctx.Connection.RemoteIpAddress;
                var perSecond = Math.Max(1, ctx.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.RateLimitPerSecond);
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((k, o) =>
        {
            k.Limits.MaxRequestBodySize = o.Value.MaxRequestBytes;
            k.AddServerHeader = false;
        });
        services.AddOptions<FormOptions>().Configure<IOptions<ServerOptions>>((f, o) => f.MultipartBodyLengthLimit = o.Value.MaxRequestBytes);
    }

    internal static void Configure(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseWebUi();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous().WithName("Health").WithTags("health");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/api/v1/openapi.json", (IWebHostEnvironment env) => CommittedOpenApi.Result(env)).WithName("GetCommittedOpenApi").WithTags("meta");

        var api = app.MapGroup("/api/v1");
        api.MapDirectoryApi();
        api.MapIngestApi();
        api.MapCatalogApi();
        api.MapConjunctionApi();
        api.MapScreeningApi();
        api.MapWatchApi();
        api.MapStreamApi();
        api.MapFeedApi();
        api.MapWebUiApi();
    }
}

/// <summary>Key hashing shared with the store, so that the rate limiter partitions by key without keeping secrets.</summary>
internal static class OpenSdaStoreKeys
{
    public static string Hash(string token) => OpenSdaStore.HashKey(token)[..16];
}
