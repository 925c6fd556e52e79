using BackOffice.Core.Screening;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Screening;

/// <summary>The background refresher: one list failing in an unexpected way does not keep the others from being fetched.</summary>
public sealed class SanctionsListRefresherTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.With(new Dictionary<string, string?>
    {
        // A path the file system refuses outright (ArgumentException): it stands for any failure beyond a failed fetch,
        // such as the database gone for a moment.
        ["Screening:Sources:0:Name"] = "Broken",
        ["Screening:Sources:0:Format"] = nameof(SanctionsListFormat.UnConsolidatedXml),
        ["Screening:Sources:0:Url"] = "no\0such/consolidated.xml",
        ["Screening:Sources:1:Name"] = SanctionsListFolder.Un,
        ["Screening:Sources:1:Format"] = nameof(SanctionsListFormat.UnConsolidatedXml),
        ["Screening:Sources:1:Url"] = SanctionsListFolder.File("un-consolidated-2018-10-29.xml"),
    });

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_list_failing_unexpectedly_does_not_keep_the_others_from_being_fetched()
    {
        var refresher = database.Services.GetRequiredService<SanctionsListRefresher>();
        var lists = database.Services.GetRequiredService<SanctionsLists>();

        await refresher.StartAsync(CancellationToken.None);
        await lists.Loaded.WaitAsync(TimeSpan.FromMinutes(1));
        await refresher.StopAsync(CancellationToken.None);

        Assert.Equal(1_093, Assert.Single(lists.Index.Lists).Entries.Count);
    }
}
