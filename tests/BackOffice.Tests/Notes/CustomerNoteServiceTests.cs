using BackOffice.Core;
using BackOffice.Core.Identity;
using BackOffice.Core.Notes;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Notes;

public sealed class CustomerNoteServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private CustomerNoteService Notes => database.Services.GetRequiredService<CustomerNoteService>();

    [Fact]
    public async Task Any_staff_role_writes_a_note_kept_with_author_and_time()
    {
        var customer = (await database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent)).Value!;

        Assert.True((await Notes.AddAsync(customer.Id, "  Waiting for the utility bill; customer travels until Friday. ", TestDatabase.Agent)).Succeeded);
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Notes.AddAsync(customer.Id, "Called back,\nbill promised.", TestDatabase.Manager)).Succeeded);

        var notes = await Notes.ListAsync(customer.Id, TestDatabase.Compliance);
        Assert.Equal(["Waiting for the utility bill; customer travels until Friday.", "Called back,\nbill promised."], notes.Select(n => n.Text));
        Assert.Equal(["Alex Agent", "Morgan Manager"], notes.Select(n => n.AuthorName));
        Assert.Equal(database.Clock.Now.UtcDateTime, notes[1].At);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bell\u0007")]
    public async Task Empty_or_control_text_is_refused_next_to_the_field(string text)
    {
        var customer = (await database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent)).Value!;
        var result = await Notes.AddAsync(customer.Id, text, TestDatabase.Agent);
        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.True(result.Errors.ContainsKey("Text"));
    }

    [Fact]
    public async Task A_note_is_at_most_2000_characters_never_for_partners_and_never_rewritten()
    {
        var customer = (await database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent)).Value!;
        Assert.True((await Notes.AddAsync(customer.Id, new string('a', 2000), TestDatabase.Agent)).Succeeded);
        var tooLong = await Notes.AddAsync(customer.Id, new string('a', 2001), TestDatabase.Agent);
        Assert.Equal(["must be at most 2000 characters (it has 2001)"], tooLong.Errors["Text"]);

        var partner = Actor.Create("api-key:1", "Partner key", Roles.ApiClient) with { PartnerId = Guid.CreateVersion7() };
        Assert.Equal(ServiceResultKind.Forbidden, (await Notes.AddAsync(customer.Id, "hello", partner)).Kind);
        Assert.Empty(await Notes.ListAsync(customer.Id, partner));

        await using var db = await database.DbFactory.CreateDbContextAsync();
        var note = await db.CustomerNotes.FirstAsync();
        // Below EF Core too: the table refuses updates and deletes.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE customer_notes SET \"Text\" = 'rewritten'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM customer_notes"));
        Assert.Equal(new string('a', 2000), (await db.CustomerNotes.AsNoTracking().SingleAsync()).Text);
    }
}
