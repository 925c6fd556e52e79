using System.Text;
using BackOffice.Core.Customers;
using BackOffice.Core.Screening;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Screening;

/// <summary>
/// A create through the group commit is matched against the lists on its caller's thread, before it joins a commit.
/// If the lists change while it waits, it is screened again inside its commit: against the lists in force then.
/// </summary>
public sealed class GroupCommitScreeningTests : IAsyncLifetime
{
    private readonly ScreeningDatabase fixture = new();

    public ValueTask InitializeAsync() => fixture.InitializeAsync();
    public ValueTask DisposeAsync() => fixture.DisposeAsync();

    private CustomerCreateQueue Queue => fixture.Database.Services.GetRequiredService<CustomerCreateQueue>();

    [Fact]
    public async Task A_create_matched_against_lists_replaced_before_its_commit_is_screened_against_the_new_ones()
    {
        // Another instance takes in a new OFAC version that no longer lists him (entry 2676); this one still has the old.
        await using (var other = fixture.Database.AnotherInstance())
        {
            var otherLists = other.GetRequiredService<SanctionsLists>();
            await otherLists.LoadAsync();
            var uploaded = await otherLists.UploadAsync(SanctionsListFolder.Ofac, OfacWithout("2676"), TestDatabase.Admin);
            Assert.True(uploaded.Succeeded, uploaded.Message);
        }
        var oldVersion = fixture.Lists.Index.Lists.Single(l => l.ListName == SanctionsListFolder.Ofac).Version;

        // A first create stays inside its commit, so that the listed one is matched here, against the old version,
        // and then waits for the next commit.
        var (held, gate) = await HeldCommit.StartAsync(Queue);
        var listed = Samples.Customer(email: "listed@example.com");
        (listed.FirstName, listed.LastName) = ("Ayman", "al-Zawahiri");
        var waiting = Queue.CreateAsync(listed, TestDatabase.Agent);

        // Before that commit, this instance picks up the new version (a read: the commit holds the write lock).
        try
        {
            await fixture.Lists.LoadAsync();
        }
        finally
        {
            gate.SetResult();
        }
        var newVersion = fixture.Lists.Index.Lists.Single(l => l.ListName == SanctionsListFolder.Ofac).Version;
        Assert.NotEqual(oldVersion, newVersion);

        Assert.True((await held).Succeeded);
        var created = await waiting;
        Assert.True(created.Succeeded, created.Message);
        var hits = await fixture.Screening.GetHitsAsync(created.Value!.Id);
        Assert.DoesNotContain(hits, h => h.ListName == SanctionsListFolder.Ofac && h.EntryId == "2676");
        Assert.Contains(hits, h => h.ListName == SanctionsListFolder.Un); // still listed by the UN: matched again, not skipped
        var screened = Assert.Single(await fixture.Database.Customers.GetAuditTrailAsync(created.Value.Id), e => e.Action == CustomerAuditActions.Screened);
        Assert.Contains(newVersion, screened.Detail);
    }

    /// <summary>The shipped OFAC files without one entry (its name, aliases and addresses), published a day later.</summary>
    private static SanctionsListFiles OfacWithout(string entryId)
    {
        var files = SanctionsListFolder.OfacFiles();
        var without = files.Files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(string.Join('\n',
            Encoding.UTF8.GetString(f.Value).Split('\n').Where(line => !line.StartsWith(entryId + ",", StringComparison.Ordinal)))));
        return files with { Files = without, PublishedAt = files.PublishedAt!.Value.AddDays(1) };
    }
}
