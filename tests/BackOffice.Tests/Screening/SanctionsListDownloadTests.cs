using BackOffice.Core;
using BackOffice.Core.Screening;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Fault = BackOffice.Tests.Screening.SanctionsListServer.Fault;

namespace BackOffice.Tests.Screening;

/// <summary>
/// Lists fetched over HTTP from a publisher's server (a real one on loopback, serving the real files): OFAC's publication
/// date comes from Last-Modified, OFAC's alt.csv and add.csv are found next to sdn.csv, and a failed or bad download
/// keeps the version in force with the reason on the admin page until a good one comes.
/// </summary>
public sealed class SanctionsListDownloadTests : IAsyncLifetime
{
    private SanctionsListServer server = null!;
    private TestDatabase database = null!;

    private SanctionsLists Lists => database.Services.GetRequiredService<SanctionsLists>();

    public async ValueTask InitializeAsync()
    {
        server = await SanctionsListServer.StartAsync();
        database = TestDatabase.With(new Dictionary<string, string?>
        {
            ["Screening:Sources:0:Name"] = SanctionsListFolder.Ofac,
            ["Screening:Sources:0:Format"] = nameof(SanctionsListFormat.OfacSdnCsv),
            ["Screening:Sources:0:Url"] = $"{server.BaseUrl}/ofac/sdn.csv",
            ["Screening:Sources:1:Name"] = SanctionsListFolder.Un,
            ["Screening:Sources:1:Format"] = nameof(SanctionsListFormat.UnConsolidatedXml),
            ["Screening:Sources:1:Url"] = $"{server.BaseUrl}/un/consolidated.xml",
        });
        await database.InitializeAsync();
        await Lists.LoadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        await server.DisposeAsync();
    }

    private async Task<SanctionsListState> StateAsync(string name) => (await Lists.GetStatesAsync()).Single(s => s.Name == name);

    private int EntriesInForce(string name) => Lists.Index.Lists.Single(l => l.ListName == name).Entries.Count;

    [Fact]
    public async Task Both_lists_are_fetched_over_http_and_OFAC_is_dated_by_Last_Modified()
    {
        Assert.True((await Lists.RefreshAsync(SanctionsListFolder.Ofac, actor: null)).Succeeded);
        Assert.True((await Lists.RefreshAsync(SanctionsListFolder.Un, actor: null)).Succeeded);

        var ofac = await StateAsync(SanctionsListFolder.Ofac);
        var un = await StateAsync(SanctionsListFolder.Un);
        Assert.Equal(9_043, ofac.EntryCount);
        Assert.Equal(1_093, un.EntryCount);
        Assert.Equal(new DateTime(2022, 1, 31, 14, 0, 0), ofac.PublishedAt); // no date in these URLs: it is the server's
        Assert.Equal(new DateTime(2018, 10, 29, 23, 9, 49, 856), un.PublishedAt); // the UN file says itself (dateGenerated)
        Assert.Equal(["/ofac/add.csv", "/ofac/alt.csv", "/ofac/sdn.csv", "/un/consolidated.xml"], server.Requested.Order());
        Assert.Equal(9_043, EntriesInForce(SanctionsListFolder.Ofac));
        Assert.Equal(1_093, EntriesInForce(SanctionsListFolder.Un));
    }

    [Theory]
    [InlineData("/ofac/sdn.csv", Fault.ServerError, "fetch_failed", "/ofac/sdn.csv answered 500 Internal Server Error")]
    [InlineData("/ofac/alt.csv", Fault.BrokenOff, "fetch_failed", "/ofac/alt.csv could not be read")]
    [InlineData("/ofac/sdn.csv", Fault.Garbage, null, "Refused:")]
    [InlineData("/ofac/add.csv", Fault.CutShort, null, "Refused:")]
    [InlineData("/un/consolidated.xml", Fault.ServerError, "fetch_failed", "/un/consolidated.xml answered 500 Internal Server Error")]
    [InlineData("/un/consolidated.xml", Fault.BrokenOff, "fetch_failed", "/un/consolidated.xml could not be read")]
    [InlineData("/un/consolidated.xml", Fault.Garbage, null, "Refused:")]
    [InlineData("/un/consolidated.xml", Fault.CutShort, null, "Refused:")]
    public async Task A_failed_or_bad_download_keeps_the_version_in_force_and_says_why(string path, Fault fault, string? code, string error)
    {
        var name = path.StartsWith("/un/") ? SanctionsListFolder.Un : SanctionsListFolder.Ofac;
        var entries = name == SanctionsListFolder.Un ? 1_093 : 9_043;
        Assert.True((await Lists.RefreshAsync(name, actor: null)).Succeeded);
        var before = await StateAsync(name);
        server.Failing = (path, fault);
        database.Clock.Advance(TimeSpan.FromHours(6));

        var result = await Lists.RefreshAsync(name, actor: null);

        Assert.False(result.Succeeded);
        if (code is null) Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        else Assert.Equal(code, result.Code);
        var after = await StateAsync(name);
        Assert.Contains(error, after.LastError);
        Assert.Contains("The version in force stays", result.Message);
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, after.LastErrorAt);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.LastRefreshAt, after.LastRefreshAt);
        Assert.Equal(entries, after.EntryCount);
        Assert.Equal(entries, EntriesInForce(name));

        server.Failing = ("", Fault.None); // the publisher is fixed: the next refresh clears the error
        Assert.True((await Lists.RefreshAsync(name, actor: null)).Succeeded);
        Assert.Null((await StateAsync(name)).LastError);
    }
}
