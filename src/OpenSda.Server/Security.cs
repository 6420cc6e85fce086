using System.Diagnostics;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using OpenSda.Storage;

namespace OpenSda.Server;

/// <summary>
/// <c>Authorization: Bearer KEY</c> authentication against the store's hashed API keys. A failed or
/// missing key gets 401 problem+json with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OpenSdaStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    internal const string CallerItem = "opensda.caller";

    public static string? BearerToken(HttpRequest request)
    {
        var h = request.Headers.Authorization.ToString();
        return h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && h.Length > 7 ? h[7..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request);
        if (token == null) return AuthenticateResult.NoResult();
        var caller = await store.AuthenticateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (caller == null)
        {
            await store.Audit.RecordAsync(null, "auth", Request.Path, null, "invalid-key").ConfigureAwait(false);
            return AuthenticateResult.Fail("unknown or revoked API key");
        }
        Context.Items[CallerItem] = caller;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, caller.OrgName), new Claim(ClaimTypes.Role, caller.Role.ToText()), new Claim("key", caller.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: "send Authorization: Bearer KEY with a valid API key").ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: 403, title: "Forbidden").ExecuteAsync(Context).ConfigureAwait(false);

    public static Caller CallerOf(HttpContext ctx) =>
        ctx.Items.TryGetValue(CallerItem, out var c) && c is Caller caller ? caller : throw new StoreException(401, "Unauthorized", "no API key");
}

internal static class HttpContextExtensions
{
    public static Caller Caller(this HttpContext ctx) => ApiKeyAuthentication.CallerOf(ctx);
}

/// <summary>Turns the store's refusals into problem+json with their status; anything else is a 500 without details.</summary>
internal sealed class StoreExceptionHandler(IProblemDetailsService problems, ILogger<StoreExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        int status;
        string title, detail;
        switch (exception)
        {
            case StoreException se: status = se.Status; title = se.Title; detail = se.Message; break;
            case BadHttpRequestException bad: status = bad.StatusCode; title = "Bad request"; detail = bad.Message; break;
            default:
                log.LogError(exception, "Unhandled error on {Path}", ctx.Request.Path);
                status = 500; title = "Internal error"; detail = "the server failed; the incident is logged";
                break;
        }
        ctx.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
            Exception = exception,
        }).ConfigureAwait(false);
    }
}

/// <summary>One structured log line per request: method, path, status, organisation, key id and duration.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> log, IOptions<ServerOptions> options)
{
    private readonly bool _enabled = options.Value.RequestLog;

    public async Task InvokeAsync(HttpContext ctx)
    {
        if (!_enabled || !log.IsEnabled(LogLevel.Information)) { await next(ctx).ConfigureAwait(false); return; }
        var start = Stopwatch.GetTimestamp();
        try { await next(ctx).ConfigureAwait(false); }
        finally
        {
            var caller = ctx.Items.Values.OfType<Caller>().FirstOrDefault();
            log.LogInformation("HTTP {Method} {Path} {Status} org={Org} key={KeyId} {ElapsedMs:0.0} ms",
                ctx.Request.Method, ctx.Request.Path.Value, ctx.Response.StatusCode, caller?.OrgName, caller?.KeyId, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }
}
