using System.Net;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Browser;

/// <summary>The real app on Kestrel (loopback, a free port) over its own SQLite file, seeded with one user per role.</summary>
public sealed class BackOfficeApp : WebApplicationFactory<Program>
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "backoffice-browser", Guid.NewGuid().ToString("N"));

    public static readonly (string Email, string Password, string Name, string Role)[] Users =
    [
        ("agent@test.local", "Agent-Test-2026", "Alex Agent", Roles.Agent),
        ("compliance@test.local", "Compliance-Test-2026", "Carol Compliance", Roles.Compliance),
        ("manager@test.local", "Manager-Test-2026", "Morgan Manager", Roles.Manager),
        ("admin@test.local", "Admin-Test-2026", "Ada Admin", Roles.Admin),
        // Only for the lockout test, so that locking it out disturbs no other test.
        ("lockout@test.local", "Lockout-Test-2026", "Lee Lockout", Roles.Manager),
    ];

    public string BaseUrl { get; private set; } = "";

    public BackOfficeApp()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public void Start()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:BackOffice", $"Data Source={Path.Combine(folder, "backoffice.db")}");
        builder.UseSetting("Seed:DemoCustomers", "0");
        for (var i = 0; i < Users.Length; i++)
        {
            builder.UseSetting($"Seed:Users:{i}:Email", Users[i].Email);
            builder.UseSetting($"Seed:Users:{i}:Password", Users[i].Password);
            builder.UseSetting($"Seed:Users:{i}:DisplayName", Users[i].Name);
            builder.UseSetting($"Seed:Users:{i}:Role", Users[i].Role);
        }
    }

    /// <summary>The actor behind a seeded user, for arranging data through the real services.</summary>
    public async Task<Actor> ActorAsync(string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>().FindByEmailAsync(Users.First(u => u.Role == role).Email);
        return Actor.Create(user!.Id, user.DisplayName, role);
    }

    public CustomerService Customers => Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
