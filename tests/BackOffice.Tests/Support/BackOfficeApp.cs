using System.Net;
using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOffice.Tests.Support;

/// <summary>
/// The real app on Kestrel (loopback, a free port) over its own database (<see cref="TestDatabaseEngine"/>), seeded with one user per role and one API key.
/// As a class fixture it starts itself.
/// </summary>
public sealed class BackOfficeApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string folder;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly bool deleteOnDispose;

    /// <summary>The API key seeded in every test app (Seed:ApiKey).</summary>
    public const string ApiKeyName = "Test Partner";
    public const string ApiKeySecret = "bo_test_partner_key_0123456789abcdefghij";

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

    public BackOfficeApp() : this(folder: null, settings: null)
    {
    }

    /// <param name="folder">Where the SQLite file lives; pass the same folder to a second app to simulate a restart (it is then left for the caller to delete).</param>
    /// <param name="settings">Configuration to add or override, e.g. Api:RateLimitPerMinute.</param>
    internal BackOfficeApp(string? folder, IReadOnlyDictionary<string, string>? settings)
    {
        deleteOnDispose = folder is null;
        this.folder = folder ?? NewFolder();
        this.settings = settings ?? new Dictionary<string, string>();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "backoffice-app", Guid.NewGuid().ToString("N"));

    /// <summary>An HTTP client for the API, with the seeded key unless another <paramref name="apiKey"/> is given (null: none).</summary>
    public HttpClient ApiClient(string? apiKey = ApiKeySecret)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    ValueTask IAsyncLifetime.InitializeAsync()
    {
        Start();
        return ValueTask.CompletedTask;
    }

    public void Start()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (name, value) in TestDatabaseEngine.Settings(folder)) builder.UseSetting(name, value);
        builder.UseSetting("Seed:DemoCustomers", "0");
        // Approval needs no documents unless a test says so (Kyc:RequiredDocuments), so tests of other rules can approve.
        foreach (var (name, value) in TestDatabase.NoDocumentsRequired) builder.UseSetting(name, value);
        // The OpenAPI tests read the document without signing in (in production it is for signed-in staff only).
        builder.UseSetting("Api:PublicDocs", "true");
        builder.UseSetting("Seed:ApiKey:Name", ApiKeyName);
        builder.UseSetting("Seed:ApiKey:Secret", ApiKeySecret);
        for (var i = 0; i < Users.Length; i++)
        {
            builder.UseSetting($"Seed:Users:{i}:Email", Users[i].Email);
            builder.UseSetting($"Seed:Users:{i}:Password", Users[i].Password);
            builder.UseSetting($"Seed:Users:{i}:DisplayName", Users[i].Name);
            builder.UseSetting($"Seed:Users:{i}:Role", Users[i].Role);
        }
        // Browser tests sign in many times from 127.0.0.1; the sign-in throttle has its own tests with their own limits.
        builder.UseSetting("Security:SignInAttemptsPerIpPerMinute", "10000");
        builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");
        foreach (var (name, value) in settings) builder.UseSetting(name, value);
        builder.ConfigureLogging(logging => logging.AddProvider(new ErrorLog(loggedErrors)));
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> loggedErrors = new();

    /// <summary>Every error the app logged (with its exception), so that a test seeing a 500 can say why.</summary>
    public IReadOnlyCollection<string> LoggedErrors => loggedErrors;

    private sealed class ErrorLog(System.Collections.Concurrent.ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue($"{formatter(state, exception)}\n{exception}");
        }
        public void Dispose() { }
    }

    /// <summary>The actor behind a seeded user, for arranging data through the real services.</summary>
    public async Task<Actor> ActorAsync(string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>().FindByEmailAsync(Users.First(u => u.Role == role).Email);
        return Actor.Create(user!.Id, user.DisplayName, role);
    }

    public CustomerService Customers => Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>();
    public CustomerReviewService Reviews => Services.CreateScope().ServiceProvider.GetRequiredService<CustomerReviewService>();
    public BackOffice.Core.Wallets.WalletService Wallets => Services.CreateScope().ServiceProvider.GetRequiredService<BackOffice.Core.Wallets.WalletService>();
    public ApiKeyService ApiKeys => Services.CreateScope().ServiceProvider.GetRequiredService<ApiKeyService>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (deleteOnDispose) DeleteFolder(folder);
    }

    public static void DeleteFolder(string folder) => TestDatabaseEngine.Delete(folder);
}
