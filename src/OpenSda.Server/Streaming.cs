using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenSda.Storage;

namespace OpenSda.Server;

/// <summary>
/// Fans out the store's new conjunctions and alerts to stream subscribers. Each subscriber gets its own
/// bounded queue (the oldest events drop if a client stops reading); filtering by releasability happens
/// per subscriber, with the same audience rule as every query.
/// </summary>
internal sealed class StreamHub : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Channel<StreamEvent>> _subscribers = new();
    private readonly OpenSdaStore _store;

    public StreamHub(OpenSdaStore store)
    {
        _store = store;
        store.Published += OnPublished;
    }

    public int SubscriberCount => _subscribers.Count;

    private void OnPublished(StreamEvent e)
    {
        foreach (var s in _subscribers.Values) s.Writer.TryWrite(e);
    }

    public (Guid Id, ChannelReader<StreamEvent> Reader) Subscribe()
    {
        var ch = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var id = Guid.NewGuid();
        _subscribers[id] = ch;
        return (id, ch.Reader);
    }

    public void Unsubscribe(Guid id)
    {
        if (_subscribers.TryRemove(id, out var ch)) ch.Writer.TryComplete();
    }

    public void Dispose() => _store.Published -= OnPublished;
}

internal static class StreamApi
{
    public static RouteGroupBuilder MapStreamApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stream", async (HttpContext ctx, StreamHub hub, OpenSdaStore store, IOptions<JsonOptions> json, string? types, CancellationToken ct) =>
        {
            var caller = ctx.Caller();
            var wanted = (types ?? "conjunction,alert").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
            ctx.Response.Headers.ContentType = "text/event-stream";
            ctx.Response.Headers.CacheControl = "no-cache";
            ctx.Response.Headers["X-Accel-Buffering"] = "no";
            var (id, reader) = hub.Subscribe();
            await store.Audit.RecordAsync(caller, "stream.open", "stream?types=" + string.Join(",", wanted), null).ConfigureAwait(false);
            try
            {
                await ctx.Response.WriteAsync(": connected\n\n", ct).ConfigureAwait(false);
                await ctx.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                long n = 0;
                while (!ct.IsCancellationRequested)
                {
                    using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    beat.CancelAfter(TimeSpan.FromSeconds(15));
                    StreamEvent e;
                    try
                    {
                        if (!await reader.WaitToReadAsync(beat.Token).ConfigureAwait(false)) break;
                        if (!reader.TryRead(out e!)) continue;
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        await ctx.Response.WriteAsync(": ping\n\n", ct).ConfigureAwait(false);
                        await ctx.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                        continue;
                    }
                    if (!wanted.Contains(e.Type) || !e.Audience.Admits(caller)) continue;
                    var data = JsonSerializer.Serialize(e.Payload, e.Payload.GetType(), json.Value.SerializerOptions);
                    await ctx.Response.WriteAsync($"id: {++n}\nevent: {e.Type}\ndata: {data}\n\n", ct).ConfigureAwait(false);
                    await ctx.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                    await store.Audit.RecordAsync(caller, "stream", $"{e.Type}:{(e.Payload as ConjunctionView)?.Id ?? (e.Payload as AlertView)?.Id}", (e.Payload as ConjunctionView)?.Releasability).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) { }
            finally { hub.Unsubscribe(id); }
        })
        .WithTags("stream").WithName("Stream")
        .WithSummary("Server-Sent Events: new conjunctions and alerts the caller may see (types=conjunction,alert).")
        .Produces(200, contentType: "text/event-stream");
        return api;
    }
}
