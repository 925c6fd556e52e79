using BackOffice.Core.Screening;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Screening;

/// <summary>
/// The background refresher: every list fetched at start and again when its interval has passed, and one list failing
/// in an unexpected way does not keep the others from being fetched.
/// </summary>
public sealed class SanctionsListRefresherTests : IAsyncLifetime
{
    private SanctionsListServer server = null!;
    private TestDatabase database = null!;

    private SanctionsLists Lists => database.Services.GetRequiredService<SanctionsLists>();

    public async ValueTask InitializeAsync()
    {
        server = await SanctionsListServer.StartAsync();
        database = TestDatabase.With(new Dictionary<string, string?>
        {
            // A path the file system refuses outright (ArgumentException): it stands for any failure beyond a failed
            // fetch, such as the database gone for a moment.
            ["Screening:Sources:0:Name"] = "Broken",
            ["Screening:Sources:0:Format"] = nameof(SanctionsListFormat.UnConsolidatedXml),
            ["Screening:Sources:0:Url"] = "no\0such/consolidated.xml",
            ["Screening:Sources:1:Name"] = SanctionsListFolder.Un,
            ["Screening:Sources:1:Format"] = nameof(SanctionsListFormat.UnConsolidatedXml),
            ["Screening:Sources:1:Url"] = $"{server.BaseUrl}/un/consolidated.xml",
            ["Screening:Sources:1:RefreshInterval"] = "06:00:00",
        });
        await database.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        await server.DisposeAsync();
    }

    /// <summary>The test's clock, with timers that fire after 10 ms: the refresher's 30-second ticks pass at once.</summary>
    private sealed class HurriedTimers(TimeProvider time) : TimeProvider
    {
        private static readonly TimeSpan Soon = TimeSpan.FromMilliseconds(10);
        public override DateTimeOffset GetUtcNow() => time.GetUtcNow();
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : Soon, period == Timeout.InfiniteTimeSpan ? period : Soon);
    }

    private async Task<SanctionsListRefresher> StartRefresherAsync()
    {
        var refresher = ActivatorUtilities.CreateInstance<SanctionsListRefresher>(database.Services, new HurriedTimers(database.Clock));
        await refresher.StartAsync(CancellationToken.None);
        await Lists.Loaded.WaitAsync(TimeSpan.FromMinutes(1));
        return refresher;
    }

    private int Fetches
    {
        get { lock (server.Requested) return server.Requested.Count(p => p == "/un/consolidated.xml"); }
    }

    [Fact]
    public async Task A_list_failing_unexpectedly_does_not_keep_the_others_from_being_fetched()
    {
        var refresher = await StartRefresherAsync();
        await refresher.StopAsync(CancellationToken.None);

        Assert.Equal(1_093, Assert.Single(Lists.Index.Lists).Entries.Count);
    }

    [Fact]
    public async Task Each_list_is_fetched_again_when_its_refresh_interval_has_passed()
    {
        var refresher = await StartRefresherAsync();
        try
        {
            Assert.Equal(1, Fetches);
            database.Clock.Advance(TimeSpan.FromHours(5));
            await Task.Delay(500); // dozens of the refresher's ticks
            Assert.Equal(1, Fetches);

            database.Clock.Advance(TimeSpan.FromHours(1));
            for (var i = 0; i < 100 && Fetches < 2; i++) await Task.Delay(100);

            Assert.Equal(2, Fetches);
            for (var i = 0; i < 100 && (await Lists.GetStatesAsync()).Single(s => s.Name == SanctionsListFolder.Un).LastRefreshAt != database.Clock.GetUtcNow().UtcDateTime; i++)
                await Task.Delay(100);
            Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, (await Lists.GetStatesAsync()).Single(s => s.Name == SanctionsListFolder.Un).LastRefreshAt);
        }
        finally
        {
            await refresher.StopAsync(CancellationToken.None);
        }
    }
}
