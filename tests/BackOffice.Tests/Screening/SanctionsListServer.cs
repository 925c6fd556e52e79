using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOffice.Tests.Screening;

/// <summary>
/// A publisher's web server on loopback, serving the real OFAC files at <c>/ofac/sdn.csv</c>, <c>alt.csv</c>,
/// <c>add.csv</c> and the UN list at <c>/un/consolidated.xml</c> with the publication date as Last-Modified, or going
/// wrong with one file the way the test says.
/// </summary>
public sealed class SanctionsListServer : IAsyncDisposable
{
    public enum Fault
    {
        None,
        /// <summary>500 Internal Server Error.</summary>
        ServerError,
        /// <summary>The connection drops halfway through the body (Content-Length promised the whole file).</summary>
        BrokenOff,
        /// <summary>200 with an HTML page instead of the list (a proxy's or captive portal's answer).</summary>
        Garbage,
        /// <summary>200 with only the first part of the file, as if it were all.</summary>
        CutShort,
    }

    private static readonly Dictionary<string, (string File, DateTimeOffset Published)> Files = new()
    {
        ["/ofac/sdn.csv"] = ("ofac-sdn-2022-01-31.csv", new DateTimeOffset(2022, 1, 31, 14, 0, 0, TimeSpan.Zero)),
        ["/ofac/alt.csv"] = ("ofac-alt-2022-01-31.csv", new DateTimeOffset(2022, 1, 31, 14, 0, 0, TimeSpan.Zero)),
        ["/ofac/add.csv"] = ("ofac-add-2022-01-31.csv", new DateTimeOffset(2022, 1, 31, 14, 0, 0, TimeSpan.Zero)),
        ["/un/consolidated.xml"] = ("un-consolidated-2018-10-29.xml", new DateTimeOffset(2018, 10, 29, 8, 0, 0, TimeSpan.Zero)),
    };

    private readonly WebApplication app;

    public string BaseUrl { get; }
    /// <summary>The file (path) that goes wrong, and how.</summary>
    public (string Path, Fault Fault) Failing { get; set; } = ("", Fault.None);
    public List<string> Requested { get; } = [];

    private SanctionsListServer(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<SanctionsListServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        SanctionsListServer? server = null;
        app.MapGet("/{**path}", (HttpContext context) => server!.ServeAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server = new SanctionsListServer(app, address);
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        lock (Requested) Requested.Add(path);
        if (!Files.TryGetValue(path, out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var bytes = await File.ReadAllBytesAsync(SanctionsListFolder.File(file.File));
        var fault = Failing.Path == path ? Failing.Fault : Fault.None;
        context.Response.Headers.LastModified = file.Published.ToString("R");
        switch (fault)
        {
            case Fault.ServerError:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("Internal Server Error");
                return;
            case Fault.Garbage:
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<!doctype html><html><body><h1>Please sign in to the guest network</h1></body></html>");
                return;
            case Fault.CutShort:
                bytes = bytes[..(bytes.Length / 2)];
                break;
            case Fault.BrokenOff:
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
        }
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
