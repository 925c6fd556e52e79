using BackOffice.Core.Documents;
using BackOffice.Core.Notes;
using BackOffice.Core.Reviews;
using BackOffice.Core.Seeding;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Reviews;

public sealed class DemoReviewSeederTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_first_run_shows_a_claimed_review_with_a_note_once()
    {
        var waiting = (await database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent)).Value!;
        await database.Documents.UploadAsync(waiting.Id, new NewDocument { Kind = DocumentKind.NationalId },
            new MemoryStream(DemoDocumentFiles.IdentityCardPng("Ada Lovelace", 1)), TestDatabase.Agent);
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        await database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent); // newer, but nothing to review yet
        var claims = database.Services.GetRequiredService<ReviewClaimService>();
        var notes = database.Services.GetRequiredService<CustomerNoteService>();

        await DemoReviewSeeder.SeedAsync(database.DbFactory, claims, notes, TestDatabase.Agent, TestDatabase.Compliance);
        await DemoReviewSeeder.SeedAsync(database.DbFactory, claims, notes, TestDatabase.Agent, TestDatabase.Compliance);

        var note = Assert.Single(await notes.ListAsync(waiting.Id, TestDatabase.Compliance));
        Assert.Equal("Alex Agent", note.AuthorName);
        Assert.Equal("Carol Compliance", (await database.Customers.GetAsync(waiting.Id))!.ReviewerName);
        Assert.Equal([("Carol Compliance", 1)], (await claims.OpenClaimsAsync()).Select(l => (l.Reviewer, l.OpenClaims)));
    }
}
