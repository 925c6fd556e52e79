extern alias web;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// The real web app on Kestrel (loopback, a free port) over a fresh SQLite file, in this process so that its memory can
/// be read; one API key and one agent are seeded, the API's rate limit is lifted for the load.
/// </summary>
sealed class BenchmarkApp(string folder) : WebApplicationFactory<web::Program>
{
    public const string ApiKeySecret = "bo_benchmark_partner_key_0123456789abcdef";
    public const string AgentEmail = "agent@bench.local";
    public const string AgentPassword = "Agent-Bench-2026";

    public string BaseUrl { get; private set; } = "";

    public void Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        // Every create is screened, as in production: wait until the OFAC and UN lists are in force.
        var lists = Services.GetRequiredService<BackOffice.Core.Screening.SanctionsLists>();
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        while (lists.Index.EntryCount == 0)
        {
            if (DateTime.UtcNow > giveUp) throw new InvalidOperationException("The sanctions lists did not load within two minutes.");
            Thread.Sleep(100);
        }
    }

    public HttpClient ApiClient(int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKeySecret);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(WebProjectFolder());
        builder.UseSetting("ConnectionStrings:BackOffice", $"Data Source={Path.Combine(folder, "backoffice.db")}");
        builder.UseSetting("Seed:DemoCustomers", "0");
        builder.UseSetting("Seed:ApiKey:Name", "Benchmark partner");
        builder.UseSetting("Seed:ApiKey:Secret", ApiKeySecret);
        builder.UseSetting("Seed:Users:0:Email", AgentEmail);
        builder.UseSetting("Seed:Users:0:Password", AgentPassword);
        builder.UseSetting("Seed:Users:0:DisplayName", "Bench Agent");
        builder.UseSetting("Seed:Users:0:Role", "Agent");
        builder.UseSetting("Api:RateLimitPerMinute", "100000000");
        // The real OFAC and UN lists of the repository's data/sanctions, as the Development settings load them.
        builder.UseSetting("Screening:Sources:0:Name", "OFAC SDN");
        builder.UseSetting("Screening:Sources:0:Format", "OfacSdnCsv");
        builder.UseSetting("Screening:Sources:0:Url", "../../data/sanctions/ofac-sdn-2022-01-31.csv");
        builder.UseSetting("Screening:Sources:1:Name", "UN Security Council");
        builder.UseSetting("Screening:Sources:1:Format", "UnConsolidatedXml");
        builder.UseSetting("Screening:Sources:1:Url", "../../data/sanctions/un-consolidated-2018-10-29.xml");
        builder.UseSetting("Security:SignInAttemptsPerIpPerMinute", "10000");
        builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>src/BackOffice.Web of the repository this benchmark was built in (for its static assets and settings).</summary>
    private static string WebProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "BackOffice.sln"))) return Path.Combine(folder.FullName, "src", "BackOffice.Web");
        throw new InvalidOperationException("Run the benchmark from the repository (BackOffice.sln not found above it).");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
