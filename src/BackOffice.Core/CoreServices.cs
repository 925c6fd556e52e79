using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using BackOffice.Core.Dashboard;
using BackOffice.Core.Documents;
using BackOffice.Core.Data;
using BackOffice.Core.Exports;
using BackOffice.Core.Screening;
using BackOffice.Core.Staff;
using BackOffice.Core.Wallets;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BackOffice.Core;

/// <summary>
/// The one composition root of the service layer: database, clock, validators and services. The web app, the tests and
/// the benchmark all call <see cref="AddBackOfficeCore"/>; a test that needs its own clock or change feed registers it
/// first (these are TryAdd registrations).
/// </summary>
public static class CoreServices
{
    public static IServiceCollection AddBackOfficeCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddBackOfficeDatabase(configuration, contentRoot);
        services.TryAddSingleton(TimeProvider.System);
        services.AddCustomerChanges(configuration);
        services.AddValidatorsFromAssemblyContaining<NewCustomerValidator>(ServiceLifetime.Singleton);

        services.AddScoped<CustomerService>();
        services.AddSingleton<CustomerCreateQueue>();
        services.AddScoped<CustomerReviewService>();
        services.AddScoped<CustomerEditService>();
        services.AddScoped<Reviews.ReviewClaimService>();
        services.AddScoped<Notes.CustomerNoteService>();
        services.AddScoped<WalletService>();
        services.AddScoped<OnboardingDashboardService>();
        services.AddSingleton<Dashboard.DecisionsOfPastDays>();
        services.AddScoped<CustomerExportService>();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<RecentApiKeys>();
        services.AddScoped<IdempotencyStore>();
        services.AddScreening(configuration, contentRoot);
        services.AddStaff(configuration);
        services.Configure<DashboardOptions>(configuration.GetSection(DashboardOptions.Section));

        services.AddScoped<DocumentService>();
        services.AddScoped<Import.CustomerImportService>();
        services.AddScoped<Partners.PartnerService>();
        services.AddScoped<Webhooks.WebhookEndpointService>();
        services.AddSingleton<Webhooks.WebhookSender>();
        services.Configure<Webhooks.WebhookOptions>(configuration.GetSection(Webhooks.WebhookOptions.Section));
        services.Configure<DocumentOptions>(configuration.GetSection(DocumentOptions.Section));
        services.Configure<KycOptions>(configuration.GetSection(KycOptions.Section));
        services.AddSingleton<IDocumentStorage>(provider =>
            configuration[$"{DocumentOptions.Section}:{nameof(DocumentOptions.Folder)}"] is { Length: > 0 } folder
                ? new FolderDocumentStorage(Path.GetFullPath(Path.Combine(contentRoot, folder)))
                : new DatabaseDocumentStorage(provider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<BackOfficeDbContext>>()));
        return services;
    }
}
