using BackOffice.Core.Screening;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Screening;

/// <summary>A test database (either engine) whose configuration lists the real OFAC and UN lists, loaded once per class.</summary>
public sealed class ScreeningDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; } = TestDatabase.With(new Dictionary<string, string?>(SanctionsListFolder.Settings()) { ["Screening:RescreenBatchSize"] = "3" });

    public SanctionsLists Lists => Database.Services.GetRequiredService<SanctionsLists>();
    public ScreeningService Screening => Database.Services.GetRequiredService<ScreeningService>();
    public ScreeningJobRunner Runner => Database.Services.GetRequiredService<ScreeningJobRunner>();
    public ScreeningJobs Jobs => Database.Services.GetRequiredService<ScreeningJobs>();

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await Lists.LoadAsync();
        foreach (var name in new[] { SanctionsListFolder.Ofac, SanctionsListFolder.Un })
        {
            var result = await Lists.RefreshAsync(name, actor: null);
            if (!result.Succeeded) throw new InvalidOperationException(result.Message);
        }
        while (await Runner.RunNextAsync(CancellationToken.None)) { } // the job the first versions started
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
