using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BackOffice.Core.Screening;

public static class ScreeningServices
{
    /// <summary>
    /// The lists, the screening and its two background services (fetching lists on schedule, re-screening after a
    /// change). The background services only run in a host; tests that build a bare service provider drive them by hand.
    /// </summary>
    public static IServiceCollection AddScreening(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddLogging(); // TryAdd inside: a host has already added it; bare service providers (tests, benchmark) need it
        services.Configure<ScreeningOptions>(configuration.GetSection(ScreeningOptions.Section));
        services.AddSingleton(_ => new SanctionsListFetcher(new HttpClient { Timeout = TimeSpan.FromMinutes(2) }, contentRoot));
        services.AddSingleton<ScreeningJobs>();
        services.AddSingleton<SanctionsLists>();
        services.AddSingleton<ScreeningService>();
        services.AddSingleton<ScreeningJobRunner>();
        services.AddSingleton<SanctionsListRefresher>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<SanctionsListRefresher>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<ScreeningJobRunner>());
        return services;
    }
}
