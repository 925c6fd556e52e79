using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Tests.Api;
using BackOffice.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Customers;

/// <summary>
/// Durability of the group commit: the app runs as a process of its own, takes creates from many clients at once, and
/// is killed with SIGKILL in the middle of them. Every create it had answered 201 must be in the database afterwards.
/// </summary>
public sealed class GroupCommitCrashTests
{
    private const string ApiKey = "bo_crash_test_partner_key_0123456789abcdef";

    [Fact]
    public async Task A_kill_9_during_group_commits_loses_no_acknowledged_create()
    {
        var folder = BackOfficeApp.NewFolder();
        Directory.CreateDirectory(folder);
        using var app = StartApp(folder, out var baseUrl);
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
            await WaitUntilHealthyAsync(api, app);

            var acknowledged = new ConcurrentBag<Guid>();
            var killAt = Stopwatch.StartNew();
            var clients = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                while (killAt.Elapsed < TimeSpan.FromSeconds(30))
                {
                    try
                    {
                        using var response = await api.PostCustomerAsync(ApiBodies.Customer());
                        if (response.StatusCode == HttpStatusCode.Created)
                            acknowledged.Add(Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last()));
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return; // the app is gone
                    }
                }
            })).ToList();
            // Kill it while creates are in flight: once a few hundred were answered.
            while (acknowledged.Count < 300 && killAt.Elapsed < TimeSpan.FromSeconds(25)) await Task.Delay(10);
            app.Kill(); // SIGKILL: no shutdown, no flushing
            await Task.WhenAll(clients);
            await app.WaitForExitAsync();

            Assert.NotEmpty(acknowledged);
            await using var services = OpenDatabase(folder);
            var customers = services.GetRequiredService<CustomerService>();
            var missing = new List<Guid>();
            foreach (var id in acknowledged)
                if (await customers.GetAsync(id) is null) missing.Add(id);
            Assert.Empty(missing);
        }
        finally
        {
            if (!app.HasExited) app.Kill();
            TestDatabaseEngine.Delete(folder);
        }
    }

    /// <summary>The built web app (copied beside the tests), on a free loopback port, over the database of <paramref name="folder"/>.</summary>
    private static Process StartApp(string folder, out string baseUrl)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "BackOffice.Web.dll"), "--urls", baseUrl])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (name, value) in TestDatabaseEngine.Settings(folder)) start.Environment[name.Replace(":", "__")] = value;
        start.Environment["Seed__DemoCustomers"] = "0";
        start.Environment["Seed__ApiKey__Name"] = "Crash test partner";
        start.Environment["Seed__ApiKey__Secret"] = ApiKey;
        start.Environment["Api__RateLimitPerMinute"] = "1000000";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilHealthyAsync(HttpClient api, Process app)
    {
        var giveUp = Stopwatch.StartNew();
        while (giveUp.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(app.HasExited, "the app stopped at start-up");
            try
            {
                using var health = await api.GetAsync("/health");
                if (health.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        Assert.Fail("the app did not become healthy within 90 s");
    }

    private static ServiceProvider OpenDatabase(string folder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestDatabaseEngine.Settings(folder)).Build();
        return new ServiceCollection().AddLogging().AddBackOfficeCore(configuration, folder).BuildServiceProvider();
    }
}
