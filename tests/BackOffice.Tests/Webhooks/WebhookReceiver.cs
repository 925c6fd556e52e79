using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOffice.Tests.Webhooks;

/// <summary>A real HTTP receiver on loopback that records every webhook and answers with the status the test chooses.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Id, string Timestamp, string Signature, string Body, IHeaderDictionary Headers);

    private readonly WebApplication app;
    public ConcurrentQueue<Received> Requests { get; } = new();
    /// <summary>The status for the n-th request (0-based); 200 unless the test says otherwise.</summary>
    public Func<int, int> StatusFor { get; set; } = _ => 200;
    /// <summary>Requests wait for this before they are answered: until the test completes it, a receiver that does not answer.</summary>
    public Task AnswerWhen { get; set; } = Task.CompletedTask;
    /// <summary>When set, every request is answered 307 to this URL.</summary>
    public string? RedirectTo { get; set; }
    private int count;

    public string Url { get; }

    private WebhookReceiver(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            receiver!.Requests.Enqueue(new Received(headers["webhook-id"]!, headers["webhook-timestamp"]!, headers["webhook-signature"]!, body, headers));
            await receiver.AnswerWhen.WaitAsync(context.RequestAborted);
            if (receiver.RedirectTo is { } target) return Results.Redirect(target, permanent: false, preserveMethod: true);
            return Results.StatusCode(receiver.StatusFor(Interlocked.Increment(ref receiver.count) - 1));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address.TrimEnd('/') + "/hook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="done"/> holds for what has arrived (a delivery is asynchronous).</summary>
    public async Task WaitForAsync(Func<IReadOnlyCollection<Received>, bool> done, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!done(Requests.ToArray()))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Webhooks received: {string.Join(", ", Requests.Select(r => r.Body[..Math.Min(60, r.Body.Length)]))}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
