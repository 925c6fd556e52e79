using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using BackOffice.Core.Wallets;
using BackOffice.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
// The component has the same name as the service's CustomerWallets record.
using WalletsSection = BackOffice.Web.Components.Customers.CustomerWallets;

namespace BackOffice.Tests.Components;

/// <summary>The Wallets section of the customer page: who may open a wallet, and how wallets show as the customer's status changes.</summary>
public sealed class CustomerWalletsTests : ComponentTestContext
{
    protected override Actor SignedIn => TestDatabase.Agent;

    public override async ValueTask InitializeAsync()
    {
        // Registered before the base runs: the base renders the popover provider, and bUnit accepts no new services after that.
        // A factory, because the database is only ready once the base has initialised it.
        Services.AddSingleton(_ => Database.Wallets);
        await base.InitializeAsync();
    }

    [Fact]
    public async Task An_agent_can_open_a_wallet_for_an_active_customer_who_has_none()
    {
        var customer = await ActiveCustomerAsync();

        var section = RenderWallets(customer, SignedIn);

        section.WaitForAssertion(() => Assert.Equal("No wallets yet.", section.Find("[data-testid=no-wallets]").TextContent.Trim()));
        var form = section.Find("[data-testid=create-wallet-form]");
        Assert.NotNull(form.QuerySelector("#wallet-currency"));
        // Nothing to create until a currency is picked.
        Assert.True(section.Find("[data-testid=create-wallet]").HasAttribute("disabled"));
        Assert.Empty(section.FindAll("[data-testid=wallet-row]"));
        Assert.Empty(section.FindAll("[data-testid=wallets-need-active]"));
    }

    [Fact]
    public async Task An_agent_is_told_to_wait_for_KYC_approval_before_opening_a_wallet()
    {
        var customer = await PendingCustomerAsync();

        var section = RenderWallets(customer, SignedIn);

        section.WaitForAssertion(() =>
            Assert.Contains("once the customer's KYC is approved", section.Find("[data-testid=wallets-need-active]").TextContent));
        Assert.Empty(section.FindAll("[data-testid=create-wallet-form]"));
    }

    [Theory]
    [InlineData(Roles.Compliance)]
    [InlineData(Roles.Manager)]
    public async Task Compliance_and_managers_see_the_wallets_but_cannot_open_one(string role)
    {
        // The page hands the section its signed-in actor; here the parameter stands in for it.
        var actor = role == Roles.Compliance ? TestDatabase.Compliance : TestDatabase.Manager;
        var customer = await ActiveCustomerAsync();
        await OpenWalletAsync(customer, "USD");

        var section = RenderWallets(customer, actor);

        section.WaitForElement("[data-testid=wallet-row][data-currency=USD]");
        Assert.Empty(section.FindAll("[data-testid=create-wallet-form]"));
        // Nor are they told to wait for approval: they could not open one even then.
        Assert.Empty(section.FindAll("[data-testid=wallets-need-active]"));
    }

    [Fact]
    public async Task Existing_wallets_show_their_currency_a_zero_balance_in_its_minor_units_and_Active()
    {
        var customer = await ActiveCustomerAsync();
        await OpenWalletAsync(customer, "USD");
        await OpenWalletAsync(customer, "JPY");

        var section = RenderWallets(customer, SignedIn);

        section.WaitForAssertion(() => Assert.Equal(2, section.FindAll("[data-testid=wallet-row]").Count));
        AssertWallet(section, "USD", "0.00", "Active");
        AssertWallet(section, "JPY", "0", "Active");
        Assert.Empty(section.FindAll("[data-testid=no-wallets]"));
        Assert.Empty(section.FindAll("[data-testid=wallets-suspended]"));
    }

    [Fact]
    public async Task Suspending_the_customer_shows_their_wallets_as_suspended_and_stops_new_ones()
    {
        var customer = await ActiveCustomerAsync();
        await OpenWalletAsync(customer, "EUR");
        var section = RenderWallets(customer, SignedIn);
        section.WaitForAssertion(() => AssertWallet(section, "EUR", "0.00", "Active"));

        var suspended = await Database.Reviews.SuspendAsync(customer.Id, TestDatabase.Compliance, "Fraud check");
        Assert.True(suspended.Succeeded, suspended.Message);
        // The page reloads the customer after a decision and passes it down; do the same.
        var reloaded = (await Database.Customers.GetAsync(customer.Id))!;
        section.Render(p => p.Add(c => c.Customer, reloaded).Add(c => c.Actor, SignedIn));

        section.WaitForAssertion(() => AssertWallet(section, "EUR", "0.00", "Suspended"));
        Assert.Contains("cannot be used until the customer is reinstated", section.Find("[data-testid=wallets-suspended]").TextContent);
        Assert.Empty(section.FindAll("[data-testid=create-wallet-form]"));
        Assert.Contains("No new wallets while the customer is suspended", section.Find("[data-testid=wallets-need-active]").TextContent);
    }

    private IRenderedComponent<WalletsSection> RenderWallets(Customer customer, Actor actor) =>
        Render<WalletsSection>(p => p.Add(c => c.Customer, customer).Add(c => c.Actor, actor));

    private static void AssertWallet(IRenderedComponent<WalletsSection> section, string currency, string balance, string status)
    {
        var row = section.Find($"[data-testid=wallet-row][data-currency={currency}]");
        Assert.StartsWith(currency, row.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(balance, row.QuerySelector("td.numeric")!.TextContent.Trim());
        Assert.Equal(status, row.QuerySelector("[data-testid=wallet-status]")!.TextContent.Trim());
    }

    private async Task<Customer> PendingCustomerAsync()
    {
        var created = await Database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent);
        Assert.True(created.Succeeded, created.Message);
        return (await Database.Customers.GetAsync(created.Value!.Id))!;
    }

    private async Task<Customer> ActiveCustomerAsync()
    {
        var pending = await PendingCustomerAsync();
        // Compliance approves: the agent created the customer, and the four-eyes rule keeps creators from approving.
        var approved = await Database.Reviews.ApproveKycAsync(pending.Id, TestDatabase.Compliance);
        Assert.True(approved.Succeeded, approved.Message);
        return (await Database.Customers.GetAsync(pending.Id))!;
    }

    private async Task OpenWalletAsync(Customer customer, string currency)
    {
        var created = await Database.Wallets.CreateAsync(new NewWallet { CustomerId = customer.Id, Currency = currency }, TestDatabase.Agent);
        Assert.True(created.Succeeded, created.Message);
    }
}
