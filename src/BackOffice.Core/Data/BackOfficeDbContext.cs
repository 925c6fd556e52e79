using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using BackOffice.Core.Dashboard;
using BackOffice.Core.Documents;
using BackOffice.Core.Exports;
using BackOffice.Core.Identity;
using BackOffice.Core.Screening;
using BackOffice.Core.Staff;
using BackOffice.Core.Wallets;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BackOffice.Core.Data;

public class BackOfficeDbContext(DbContextOptions<BackOfficeDbContext> options) : IdentityDbContext<BackOfficeUser>(options), IDataProtectionKeyContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerAuditEntry> CustomerAudit => Set<CustomerAuditEntry>();
    public DbSet<CustomerStatusCount> CustomerStatusCounts => Set<CustomerStatusCount>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Wallet> Wallets => Set<Wallet>();
    public DbSet<OnboardingDailyCount> OnboardingDailyCounts => Set<OnboardingDailyCount>();
    public DbSet<DataExportAuditEntry> DataExportAudit => Set<DataExportAuditEntry>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<ScreeningHit> ScreeningHits => Set<ScreeningHit>();
    public DbSet<SanctionsList> SanctionsLists => Set<SanctionsList>();
    public DbSet<ScreeningJob> ScreeningJobs => Set<ScreeningJob>();
    public DbSet<SecurityEvent> SecurityLog => Set<SecurityEvent>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<PasswordLink> PasswordLinks => Set<PasswordLink>();
    public DbSet<CustomerDocument> CustomerDocuments => Set<CustomerDocument>();
    public DbSet<Partners.Partner> Partners => Set<Partners.Partner>();
    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();
    public DbSet<Webhooks.WebhookEvent> WebhookEvents => Set<Webhooks.WebhookEvent>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();
    public DbSet<DocumentRequest> DocumentRequests => Set<DocumentRequest>();
    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();
    public DbSet<Notes.CustomerNote> CustomerNotes => Set<Notes.CustomerNote>();
    public DbSet<Import.CustomerImport> CustomerImports => Set<Import.CustomerImport>();

    /// <summary>The keys that protect sign-in cookies and forms: shared by every app instance and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BackOfficeDbContext).Assembly);
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.Entity<Customer>(customer => CustomerConfiguration.Search(customer, sqlite: Database.IsSqlite()));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every timestamp is UTC; SQLite hands DateTime back without a kind, so say so on the way out.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit trail is append-only: an update or delete of an entry is a bug, so fail loudly.</summary>
    private void RefuseAuditRewrites()
    {
        var rewritten = ChangeTracker.Entries()
            .Any(e => e.Entity is CustomerAuditEntry or DataExportAuditEntry or SecurityEvent or Notes.CustomerNote && e.State is EntityState.Modified or EntityState.Deleted);
        if (rewritten) throw new InvalidOperationException("Audit entries are append-only; they cannot be changed or deleted.");
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
