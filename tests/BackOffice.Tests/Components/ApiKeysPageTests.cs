using AngleSharp.Dom;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using BackOffice.Web.Components.Admin;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Components;

public sealed class ApiKeysPageTests : ComponentTestContext
{
    protected override Actor SignedIn => TestDatabase.Admin;

    private IRenderedComponent<ApiKeysPage> RenderLoaded()
    {
        var page = Render<ApiKeysPage>();
        page.WaitForElement("[data-testid=api-key-table]");
        return page;
    }

    private static Task ClickAsync(IElement element) => element.ClickAsync(new MouseEventArgs());

    [Fact]
    public async Task Shows_a_new_key_once_and_never_again()
    {
        var page = RenderLoaded();

        await page.Find("#api-key-name").ChangeAsync("Partner A");
        await ClickAsync(page.Find("#create-api-key"));

        var secret = page.WaitForElement("#new-api-key-secret").TextContent.Trim();
        Assert.StartsWith("bo_", secret);
        Assert.Contains("Copy it now: it is stored only as a hash and cannot be shown again.", page.Find("[data-testid=new-api-key]").TextContent);
        Assert.Equal(1, Occurrences(page.Markup, secret));
        var key = await Database.ApiKeys.AuthenticateAsync(secret);
        Assert.Equal("Partner A", key?.Name);
        var row = Assert.Single(page.FindAll("[data-testid=api-key-row]"));
        Assert.Equal("Partner A", row.QuerySelector("[data-testid=key-name]")!.TextContent.Trim());
        Assert.Contains(key!.Prefix + "…", row.TextContent);
        Assert.Contains("by Ada Admin", row.TextContent);
        Assert.Contains("Active", row.QuerySelector("[data-testid=api-key-status]")!.TextContent);

        await ClickAsync(page.Find("#api-key-done"));

        Assert.Empty(page.FindAll("#new-api-key-secret"));
        Assert.DoesNotContain(secret, page.Markup);
        // Coming back to the page cannot show it either; it does show that the key has been used.
        var again = RenderLoaded();
        var rowAgain = again.WaitForElement("[data-testid=api-key-row]");
        Assert.DoesNotContain(secret, again.Markup);
        Assert.DoesNotContain("Never", rowAgain.TextContent);
    }

    [Fact]
    public async Task An_admin_adds_a_partner_and_the_next_key_is_issued_for_it()
    {
        var page = RenderLoaded();

        await page.Find("#partner-name").ChangeAsync("Acme Payments");
        await ClickAsync(page.Find("#add-partner"));
        page.WaitForAssertion(() => Assert.Contains("Acme Payments", page.Find("[data-testid=partner-list]").TextContent));
        await page.Find("#api-key-name").ChangeAsync("Acme production");
        await ClickAsync(page.Find("#create-api-key"));

        var secret = page.WaitForElement("#new-api-key-secret").TextContent.Trim();
        var key = await Database.ApiKeys.AuthenticateAsync(secret);
        var partners = await Database.Services.GetRequiredService<BackOffice.Core.Partners.PartnerService>().ListAsync();
        Assert.Equal(partners.Single(p => p.Name == "Acme Payments").Id, key!.PartnerId);
        Assert.Equal("Acme Payments", page.Find("[data-testid=api-key-row] [data-testid=key-partner]").TextContent.Trim());

        // The same name twice is refused next to the field.
        await page.Find("#partner-name").ChangeAsync("acme payments");
        await ClickAsync(page.Find("#add-partner"));
        page.WaitForAssertion(() => Assert.Contains("already used by another partner", page.Markup));
    }

    [Fact]
    public async Task A_blank_name_shows_the_error_next_to_the_field_and_creates_nothing()
    {
        var page = RenderLoaded();

        await ClickAsync(page.Find("#create-api-key"));

        page.WaitForAssertion(() => Assert.Equal("Is required", NameError(page)));
        Assert.Empty(page.FindAll("#new-api-key-secret"));
        Assert.Empty(page.FindAll("[data-testid=api-key-row]"));
        Assert.Empty(await Database.ApiKeys.ListAsync());
    }

    [Fact]
    public async Task A_taken_name_shows_the_error_until_the_name_changes()
    {
        await Database.ApiKeys.CreateAsync("Partner A", TestDatabase.Admin);
        var page = RenderLoaded();

        await page.Find("#api-key-name").ChangeAsync(" partner a ");
        await ClickAsync(page.Find("#create-api-key"));

        page.WaitForAssertion(() => Assert.Equal("Is already used by another key", NameError(page)));
        Assert.Empty(page.FindAll("#new-api-key-secret"));
        Assert.Single(await Database.ApiKeys.ListAsync());

        await page.Find("#api-key-name").ChangeAsync("Partner B");

        page.WaitForAssertion(() => Assert.Null(NameError(page)));
    }

    [Fact]
    public async Task Revokes_a_key_after_confirmation()
    {
        var issued = (await Database.ApiKeys.CreateAsync("Partner A", TestDatabase.Admin)).Value!;
        var page = RenderLoaded();

        await ClickAsync(page.WaitForElement("[data-testid=revoke]"));

        Assert.Contains("Revoke Partner A? Partner calls with this key will fail at once.",
            page.Find("[data-testid=revoke-confirmation]").TextContent);
        // Asking is not revoking.
        Assert.False(Assert.Single(await Database.ApiKeys.ListAsync()).IsRevoked);

        await ClickAsync(page.Find("#confirm-revoke"));

        page.WaitForAssertion(() => Assert.Contains("Revoked", page.Find("[data-testid=api-key-status]").TextContent));
        Assert.Contains("by Ada Admin", page.Find("[data-testid=api-key-status]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=revoke]"));
        Assert.Empty(page.FindAll("[data-testid=revoke-confirmation]"));
        Assert.Null(await Database.ApiKeys.AuthenticateAsync(issued.Secret));
    }

    [Fact]
    public async Task Cancel_leaves_the_key_active()
    {
        var issued = (await Database.ApiKeys.CreateAsync("Partner A", TestDatabase.Admin)).Value!;
        var page = RenderLoaded();
        await ClickAsync(page.WaitForElement("[data-testid=revoke]"));
        Assert.Single(page.FindAll("[data-testid=revoke-confirmation]"));

        await ClickAsync(page.Find("#cancel-revoke"));

        Assert.Empty(page.FindAll("[data-testid=revoke-confirmation]"));
        Assert.Contains("Active", page.Find("[data-testid=api-key-status]").TextContent);
        Assert.Single(page.FindAll("[data-testid=revoke]"));
        Assert.NotNull(await Database.ApiKeys.AuthenticateAsync(issued.Secret));
    }

    [Fact]
    public async Task Explains_a_key_someone_else_revoked_meanwhile()
    {
        var issued = (await Database.ApiKeys.CreateAsync("Partner A", TestDatabase.Admin)).Value!;
        var page = RenderLoaded();
        await ClickAsync(page.WaitForElement("[data-testid=revoke]"));
        await Database.ApiKeys.RevokeAsync(issued.Key.Id, Actor.Create("admin-2", "Other Admin", Roles.Admin));

        await ClickAsync(page.Find("#confirm-revoke"));

        page.WaitForAssertion(() => Assert.Contains("already revoked by Other Admin", page.Find("[data-testid=refusal]").TextContent));
        Assert.Contains("by Other Admin", page.Find("[data-testid=api-key-status]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=revoke]"));
    }

    /// <summary>The error MudBlazor shows under the name field, or null.</summary>
    private static string? NameError(IRenderedComponent<ApiKeysPage> page) =>
        page.Find("#api-key-name").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    private static int Occurrences(string text, string value) => text.Split(value).Length - 1;
}
