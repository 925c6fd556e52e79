using BackOffice.Core;
using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using BackOffice.Core.Wallets;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Support;

/// <summary>
/// A real, migrated database with the services on top, one per test class: a SQLite file in a temp folder, or a
/// PostgreSQL database when the suite runs on PostgreSQL (<see cref="TestDatabaseEngine"/>).
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    /// <summary>Approval needs no documents, so that tests of other rules can approve; document tests pass their own.</summary>
    public static readonly IReadOnlyDictionary<string, string?> NoDocumentsRequired = new Dictionary<string, string?>
    {
        ["Kyc:RequiredDocuments:individual"] = "",
        ["Kyc:RequiredDocuments:business"] = "",
    };

    public TestDatabase() : this(new Dictionary<string, string?>())
    {
    }

    private TestDatabase(IReadOnlyDictionary<string, string?> settings) => this.settings = settings;

    /// <summary>A database whose services read these settings too (e.g. Kyc:RequiredDocuments).</summary>
    public static TestDatabase With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "backoffice-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider? services;

    public InProcessCustomerChanges Changes { get; } = new();
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero));
    public IServiceProvider Services => services ?? throw new InvalidOperationException("Not initialised.");
    public CustomerService Customers => Services.GetRequiredService<CustomerService>();
    public CustomerReviewService Reviews => Services.GetRequiredService<CustomerReviewService>();
    public ApiKeyService ApiKeys => Services.GetRequiredService<ApiKeyService>();
    public IdempotencyStore Idempotency => Services.GetRequiredService<IdempotencyStore>();
    public WalletService Wallets => Services.GetRequiredService<WalletService>();
    public SecurityLog SecurityLog => Services.GetRequiredService<SecurityLog>();
    public StaffService Staff => Services.GetRequiredService<StaffService>();
    public TwoFactorEnrolment TwoFactor => Services.GetRequiredService<TwoFactorEnrolment>();
    public StaffSessions Sessions => Services.GetRequiredService<StaffSessions>();
    public BackOffice.Core.Documents.DocumentService Documents => Services.GetRequiredService<BackOffice.Core.Documents.DocumentService>();
    public string ConnectionString => TestDatabaseEngine.Settings(folder)["ConnectionStrings:BackOffice"]!;
    public IDbContextFactory<BackOfficeDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>();

    public static readonly Actor Agent = Actor.Create("agent-1", "Alex Agent", Roles.Agent);
    public static readonly Actor OtherAgent = Actor.Create("agent-2", "Sam Support", Roles.Agent);
    public static readonly Actor Compliance = Actor.Create("compliance-1", "Carol Compliance", Roles.Compliance);
    public static readonly Actor OtherCompliance = Actor.Create("compliance-2", "Chris Checker", Roles.Compliance);
    public static readonly Actor Manager = Actor.Create("manager-1", "Morgan Manager", Roles.Manager);
    public static readonly Actor Admin = Actor.Create("admin-1", "Ada Admin", Roles.Admin);

    public async ValueTask InitializeAsync()
    {
        services = BuildServices(Changes);
        await DatabaseSetup.MigrateAsync(services);
    }

    /// <summary>
    /// The services of another app instance on this same database: its own memory (sanctions lists, recent API keys,
    /// group commit), as a second server behind the load balancer has. The caller disposes it.
    /// </summary>
    public ServiceProvider AnotherInstance() => BuildServices(new InProcessCustomerChanges());

    private ServiceProvider BuildServices(ICustomerChanges changes)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(TestDatabaseEngine.Settings(folder))
            .AddInMemoryCollection(NoDocumentsRequired)
            .AddInMemoryCollection(settings)
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddSingleton(changes);
        collection.AddBackOfficeCore(configuration, folder);
        return collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null) await services.DisposeAsync();
        TestDatabaseEngine.Delete(folder);
    }
}
