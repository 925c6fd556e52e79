using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BackOffice.Tests.Support;

/// <summary>
/// The built app as a process of its own (<c>dotnet BackOffice.Web.dll</c>, Testing environment, a free loopback port,
/// configuration through environment variables), over the database of <paramref name="folder"/> on either engine, for
/// what an in-process app cannot show: a <c>kill -9</c>. Seeded with the test API key (<see cref="BackOfficeApp.ApiKeySecret"/>).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    public string BaseUrl { get; }

    private AppProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>What the process wrote, for a failing test's message.</summary>
    public string Output => string.Join('\n', output);

    public static async Task<AppProcess> StartAsync(string folder, IReadOnlyDictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BackOffice.Web.dll"));
        var configuration = new Dictionary<string, string?>(TestDatabaseEngine.Settings(folder))
        {
            ["Seed:DemoCustomers"] = "0",
            ["Seed:ApiKey:Name"] = BackOfficeApp.ApiKeyName,
            ["Seed:ApiKey:Secret"] = BackOfficeApp.ApiKeySecret,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (name, value) in TestDatabase.NoDocumentsRequired) configuration[name] = value;
        foreach (var (name, value) in settings) configuration[name] = value;
        foreach (var (name, value) in configuration) start.Environment[name.Replace(":", "__")] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = url;

        var app = new AppProcess(Process.Start(start)!, url);
        app.process.OutputDataReceived += (_, e) => { if (e.Data is not null) app.output.Enqueue(e.Data); };
        app.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app.output.Enqueue(e.Data); };
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync();
        return app;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(2); // a loaded 2-core machine starts slowly
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app did not become healthy:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown, no flushing, no finally blocks; what a crash or an OOM kill does.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public HttpClient ApiClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BackOfficeApp.ApiKeySecret);
        return client;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await KillAsync();
        process.Dispose();
    }
}
