using System.Text.RegularExpressions;
using BackOffice.Core.Identity;
using BackOffice.Tests.Staff;
using BackOffice.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>Staff accounts end to end in Chromium: invitation, password, enrolment, two-factor sign-in, work, deactivation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffAccountsFlowTests(BrowserFixture browser, StaffAccountsApp staffApp) : IClassFixture<StaffAccountsApp>
{
    private BackOfficeApp App => staffApp.App;

    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"staff-{name}.png"), FullPage = true });
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    /// <summary>The app's current code, but never one already used: a code is good for its 30-second step only once.</summary>
    private static async Task<string> FreshCodeAsync(string key, string? used)
    {
        var code = TwoFactorEnrolmentTests.CurrentCode(key);
        while (code == used)
        {
            await Task.Delay(1000);
            code = TwoFactorEnrolmentTests.CurrentCode(key);
        }
        return code;
    }

    [Fact]
    public async Task An_invited_compliance_officer_enrols_signs_in_with_a_code_works_and_is_locked_out_by_deactivation()
    {
        var agentActor = await App.ActorAsync(Roles.Agent);
        var customer = (await App.Customers.CreateAsync(Samples.Customer(), agentActor)).Value!;
        var adminUser = BackOfficeApp.Users.First(u => u.Role == Roles.Admin);
        const string officerEmail = "olivia.officer@test.local";
        const string officerPassword = "my first day at the bank";

        var admin = await NewPageAsync();
        string link = "";
        await BrowserFixture.WithScreenshotOnFailure(admin, "staff-invite", async () =>
        {
            await SignInAsync(admin, adminUser.Email, adminUser.Password);
            await Expect(admin).Not.ToHaveURLAsync(new Regex("/account/login"));
            await admin.GotoAsync("/admin/users");
            await BrowserFixture.WaitForCircuitAsync(admin);
            await Expect(admin.Locator("[data-testid=user-table]")).ToContainTextAsync(adminUser.Email);
            await ScreenshotAsync(admin, "users");

            // A bad email is answered next to the field, not with an error page.
            await admin.FillAsync("#invite-email", "olivia@");
            await admin.FillAsync("#invite-name", "Olivia Officer");
            await admin.ClickAsync("#invite-user");
            await Expect(admin.GetByText("Enter a valid email address.")).ToBeVisibleAsync();

            await admin.FillAsync("#invite-email", officerEmail);
            await admin.Locator("[data-testid=invite-role]").GetByText(Roles.Compliance, new() { Exact = true }).ClickAsync();
            await admin.ClickAsync("#invite-user");
            await Expect(admin.Locator("[data-testid=issued-link]")).ToBeVisibleAsync();
            link = (await admin.Locator("#issued-link-url").TextContentAsync())!.Trim();
            Assert.StartsWith(App.BaseUrl + "/account/set-password?token=", link);
            await Expect(admin.Locator($"[data-testid=user-row][data-email='{officerEmail}'] [data-testid=user-roles]")).ToHaveTextAsync(Roles.Compliance);
            await ScreenshotAsync(admin, "users-invited");
        });

        var officer = await NewPageAsync();
        string key = "";
        string? usedCode = null;
        await BrowserFixture.WithScreenshotOnFailure(officer, "staff-officer", async () =>
        {
            // The link sets a password...
            await officer.GotoAsync(link);
            await Expect(officer.GetByText("Welcome Olivia Officer")).ToBeVisibleAsync();
            await ScreenshotAsync(officer, "set-password");
            await officer.FillAsync("#password", "olivia.officer@test.local!");
            await officer.FillAsync("#confirm", "olivia.officer@test.local!");
            await officer.ClickAsync("button[type=submit]");
            await Expect(officer.Locator("[data-testid=password-error]")).ToContainTextAsync("may not be or contain your email");
            await officer.FillAsync("#password", officerPassword);
            await officer.FillAsync("#confirm", officerPassword);
            await officer.ClickAsync("button[type=submit]");
            await Expect(officer.Locator("[data-testid=password-set]")).ToBeVisibleAsync();
            // ...once.
            await officer.GotoAsync(link);
            await Expect(officer.Locator("[data-testid=link-refused]")).ToContainTextAsync("This link no longer works");

            // The first sign-in goes to enrolment before anything else.
            await SignInAsync(officer, officerEmail, officerPassword);
            await Expect(officer).ToHaveURLAsync(new Regex("/account/two-factor$"));
            await Expect(officer.Locator("[data-testid=enrolment-required]")).ToBeVisibleAsync();
            await Expect(officer.Locator("[data-testid=qr-code]")).ToBeVisibleAsync();
            await ScreenshotAsync(officer, "two-factor-enrol");
            await officer.GotoAsync("/customers");
            await Expect(officer).ToHaveURLAsync(new Regex("/account/two-factor$"));

            key = (await officer.Locator("[data-testid=shared-key]").GetAttributeAsync("data-key"))!;
            await officer.FillAsync("#code", "000000" == TwoFactorEnrolmentTests.CurrentCode(key) ? "111111" : "000000");
            await officer.ClickAsync("button[type=submit]");
            await Expect(officer.Locator("[data-testid=code-error]")).ToContainTextAsync("not right");
            // Showing the key must not change the security stamp: past the recheck interval, the page still works.
            await Task.Delay(TimeSpan.FromSeconds(3));
            usedCode = await FreshCodeAsync(key, null);
            await officer.FillAsync("#code", usedCode);
            await officer.ClickAsync("button[type=submit]");
            await Expect(officer.Locator("[data-testid=recovery-codes] li")).ToHaveCountAsync(10);
            await ScreenshotAsync(officer, "two-factor-recovery-codes");

            // Enrolling ends the session: the next sign-in takes the password and then a code.
            await officer.ClickAsync("[data-testid=continue]");
            await Expect(officer).ToHaveURLAsync(new Regex("/account/login"));
            await officer.GotoAsync("/customers");
            await Expect(officer).ToHaveURLAsync(new Regex("/account/login"));
            await SignInAsync(officer, officerEmail, officerPassword);
            await Expect(officer).ToHaveURLAsync(new Regex("/account/login-2fa"));
            await ScreenshotAsync(officer, "sign-in-code");
            await officer.FillAsync("#code", "12345");
            await officer.ClickAsync("button[type=submit]");
            await Expect(officer.Locator("[data-testid=two-factor-error]")).ToBeVisibleAsync();
            await officer.FillAsync("#code", await FreshCodeAsync(key, usedCode));
            await officer.ClickAsync("button[type=submit]");
            await Expect(officer).Not.ToHaveURLAsync(new Regex("/account/"));

            await officer.GotoAsync("/account/two-factor");
            await Expect(officer.Locator("[data-testid=two-factor-on]")).ToContainTextAsync("10 recovery code(s) left");
            await ScreenshotAsync(officer, "two-factor-manage");

            // Work: approve a customer.
            await officer.GotoAsync($"/customers/{customer.Id}");
            await BrowserFixture.WaitForCircuitAsync(officer);
            await officer.ClickAsync("[data-testid=approve-kyc]");
            await Expect(officer.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Active");
            await Expect(officer.Locator("[data-testid=audit-trail]")).ToContainTextAsync("Olivia Officer");
        });

        await BrowserFixture.WithScreenshotOnFailure(admin, "staff-deactivate", async () =>
        {
            await admin.ReloadAsync();
            await BrowserFixture.WaitForCircuitAsync(admin);
            // An administrator cannot deactivate themselves: the page says why.
            await admin.Locator($"[data-testid=user-row][data-email='{adminUser.Email}'] [data-testid=deactivate]").ClickAsync();
            await admin.ClickAsync("[data-testid=confirm]");
            await Expect(admin.Locator("[data-testid=refusal]")).ToContainTextAsync("You cannot deactivate your own account");
            await ScreenshotAsync(admin, "users-refusal");

            var row = admin.Locator($"[data-testid=user-row][data-email='{officerEmail}']");
            await Expect(row.Locator("[data-testid=user-2fa]")).ToHaveTextAsync("On");
            await row.Locator("[data-testid=edit-roles]").ClickAsync();
            await Expect(admin.Locator("[data-testid=role-editor]")).ToContainTextAsync("Roles of Olivia Officer");
            await ScreenshotAsync(admin, "users-roles");
            await admin.ClickAsync("[data-testid=cancel-roles]");
            await row.Locator("[data-testid=deactivate]").ClickAsync();
            await Expect(admin.Locator("[data-testid=confirmation]")).ToContainTextAsync("Deactivate Olivia Officer?");
            await admin.ClickAsync("[data-testid=confirm]");
            await Expect(row.Locator("[data-testid=user-status]")).ToHaveTextAsync("Deactivated");
        });

        await BrowserFixture.WithScreenshotOnFailure(officer, "staff-deactivated", async () =>
        {
            // The open customer page ends (within 60 s; here the check runs every 2 s)...
            await Expect(officer).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 30_000 });
            // ...and signing in is refused.
            await SignInAsync(officer, officerEmail, officerPassword);
            await Expect(officer.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong email or password.");
        });

        await BrowserFixture.WithScreenshotOnFailure(admin, "staff-security-log", async () =>
        {
            await admin.GotoAsync("/admin/security-log");
            await BrowserFixture.WaitForCircuitAsync(admin);
            var table = admin.Locator("[data-testid=security-log-table]");
            foreach (var kind in new[] { "User invited", "Password set", "Two-factor enrolled", "Sign-in succeeded", "User deactivated", "Sign-in failed" })
                await Expect(table).ToContainTextAsync(kind);
            await ScreenshotAsync(admin, "security-log");
            await admin.FillAsync("#log-from", "yesterday-ish");
            await admin.PressAsync("#log-from", "Tab");
            await Expect(admin.GetByText("Use a date like 2026-12-01")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task The_staff_pages_have_no_accessibility_violations()
    {
        var adminUser = BackOfficeApp.Users.First(u => u.Role == Roles.Admin);
        var page = await NewPageAsync();
        var found = new List<string>();

        async Task CheckAsync(string url, bool interactive)
        {
            await page.GotoAsync(url);
            if (interactive) await BrowserFixture.WaitForCircuitAsync(page);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            var result = await page.RunAxe();
            found.AddRange(result.Violations.Select(v => $"{url}: {v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        await CheckAsync("/account/set-password?token=unknown", interactive: false);
        await SignInAsync(page, adminUser.Email, adminUser.Password);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
        await CheckAsync("/admin/users", interactive: true);
        await CheckAsync("/admin/security-log", interactive: true);
        await CheckAsync("/account/two-factor", interactive: false);

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
