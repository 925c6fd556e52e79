using System.Diagnostics;
using System.Net;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Staff;

/// <summary>Sign-in over HTTP against the running app: two-factor codes, recovery codes, sessions that end, refusals.</summary>
public sealed class StaffSignInTests(TwoFactorRequiredApp fixture) : IClassFixture<TwoFactorRequiredApp>
{
    private string BaseUrl => fixture.App.BaseUrl;

    private async Task<Actor> AdminAsync() => await fixture.App.ActorAsync(Roles.Admin);

    private static string Email(string name) => $"{name}.{Guid.NewGuid():N}@test.local";

    /// <summary>A compliance officer with an authenticator app enrolled; returns the shared key and the recovery codes.</summary>
    private async Task<(string Email, string Password, string Key, IReadOnlyList<string> RecoveryCodes)> EnrolledOfficerAsync()
    {
        var email = Email("officer");
        const string password = "a compliance officer's passphrase";
        var member = await StaffAccounts.MemberAsync(fixture.Staff, await AdminAsync(), email, "Olive Officer", Roles.Compliance, password);
        var key = (await fixture.TwoFactor.SetupAsync(member.Id)).Value!.SharedKey;
        var codes = (await fixture.TwoFactor.EnableAsync(member.Id, TwoFactorEnrolmentTests.CurrentCode(key))).Value!;
        return (email, password, key, codes);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_the_right_one_signs_in()
    {
        var officer = await EnrolledOfficerAsync();
        var client = AccountForms.NewClient(BaseUrl);

        var password = await AccountForms.SignInAsync(client, officer.Email, officer.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith($"{BaseUrl}/account/login-2fa", AccountForms.Location(password));
        // Not signed in yet: the app still sends them to sign in.
        Assert.StartsWith($"{BaseUrl}/account/login", AccountForms.Location(await client.GetAsync("/customers")));

        var right = TwoFactorEnrolmentTests.CurrentCode(officer.Key);
        var wrong = await AccountForms.EnterCodeAsync(client, ((int.Parse(right) + 1) % 1_000_000).ToString("D6"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not right.", await wrong.Content.ReadAsStringAsync());

        var signedIn = await AccountForms.EnterCodeAsync(client, TwoFactorEnrolmentTests.CurrentCode(officer.Key));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
        // Still signed in with a second factor after the cookie is rechecked and renewed.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var officer = await EnrolledOfficerAsync();

        async Task<HttpResponseMessage> SignInWithRecoveryCodeAsync()
        {
            var client = AccountForms.NewClient(BaseUrl);
            await AccountForms.SignInAsync(client, officer.Email, officer.Password);
            return await AccountForms.EnterCodeAsync(client, officer.RecoveryCodes[0]);
        }

        var first = await SignInWithRecoveryCodeAsync();
        var second = await SignInWithRecoveryCodeAsync();

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("That recovery code is not right or was already used.", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Someone_whose_role_requires_two_factor_must_enrol_before_anything_else()
    {
        var compliance = BackOfficeApp.Users.First(u => u.Role == Roles.Compliance);
        var client = AccountForms.NewClient(BaseUrl);

        var signIn = await AccountForms.SignInAsync(client, compliance.Email, compliance.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        foreach (var page in new[] { "/", "/customers", "/admin/users", "/_blazor/negotiate" })
            Assert.Equal("/account/two-factor", AccountForms.Location(await client.GetAsync(page)));
        var enrolment = await client.GetStringAsync("/account/two-factor");
        Assert.Contains("Your role requires two-factor sign-in.", enrolment);
        Assert.Contains("data:image/png;base64,", enrolment);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_as_a_wrong_password_in_similar_time()
    {
        var admin = await AdminAsync();
        var email = Email("timing");
        await StaffAccounts.MemberAsync(fixture.Staff, admin, email, "Tim Timing", Roles.Agent, "the real password here");

        async Task<(string Page, TimeSpan Took)> TryAsync(string tryEmail)
        {
            var client = AccountForms.NewClient(BaseUrl);
            await client.GetStringAsync("/account/login"); // warm the page outside the timing
            var watch = Stopwatch.StartNew();
            var response = await AccountForms.SignInAsync(client, tryEmail, "not the password at all");
            watch.Stop();
            return (await response.Content.ReadAsStringAsync(), watch.Elapsed);
        }

        var wrongPassword = new List<TimeSpan>();
        var unknownEmail = new List<TimeSpan>();
        for (var i = 0; i < 3; i++) // three: the account locks at five
        {
            var known = await TryAsync(email);
            var unknown = await TryAsync(Email("nobody"));
            Assert.Contains("Wrong email or password.", known.Page);
            Assert.Contains("Wrong email or password.", unknown.Page);
            wrongPassword.Add(known.Took);
            unknownEmail.Add(unknown.Took);
        }

        // Both spend a password hash; without it an unknown email answers many times faster. Loose: the machine is busy.
        var knownMedian = wrongPassword.Order().ElementAt(1);
        var unknownMedian = unknownEmail.Order().ElementAt(1);
        Assert.True(unknownMedian > knownMedian * 0.3, $"unknown email {unknownMedian.TotalMilliseconds} ms, wrong password {knownMedian.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in()
    {
        var admin = await AdminAsync();
        var email = Email("leaver");
        var member = await StaffAccounts.MemberAsync(fixture.Staff, admin, email, "Lee Leaver", Roles.Agent, "I am leaving soon, bye");
        Assert.True((await fixture.Staff.DeactivateAsync(member.Id, admin)).Succeeded);

        var response = await AccountForms.SignInAsync(AccountForms.NewClient(BaseUrl), email, "I am leaving soon, bye");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task After_sign_out_a_copied_cookie_no_longer_works()
    {
        var agent = BackOfficeApp.Users.First(u => u.Role == Roles.Agent);
        var cookies = new CookieContainer();
        var client = AccountForms.NewClient(BaseUrl, cookies);
        await AccountForms.SignInAsync(client, agent.Email, agent.Password);
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetAllCookies()) copy.Add(cookie);
        var thief = AccountForms.NewClient(BaseUrl, copy);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/customers")).StatusCode);

        var signOut = await AccountForms.PostLayoutFormAsync(client, "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.StartsWith($"{BaseUrl}/account/login", AccountForms.Location(await thief.GetAsync("/customers")));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_other_sessions()
    {
        var admin = await AdminAsync();
        var email = Email("everywhere");
        await StaffAccounts.MemberAsync(fixture.Staff, admin, email, "Eve Everywhere", Roles.Manager, "laptop and phone and tablet");
        var laptop = AccountForms.NewClient(BaseUrl);
        var phone = AccountForms.NewClient(BaseUrl);
        await AccountForms.SignInAsync(laptop, email, "laptop and phone and tablet");
        await AccountForms.SignInAsync(phone, email, "laptop and phone and tablet");
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/customers")).StatusCode);

        var everywhere = await AccountForms.PostLayoutFormAsync(laptop, "/account/logout-everywhere");
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);

        Assert.StartsWith($"{BaseUrl}/account/login", AccountForms.Location(await phone.GetAsync("/customers")));
        Assert.StartsWith($"{BaseUrl}/account/login", AccountForms.Location(await laptop.GetAsync("/customers")));
    }

    [Fact]
    public async Task A_set_password_link_page_refuses_a_used_link_with_a_message()
    {
        var admin = await AdminAsync();
        var link = (await fixture.Staff.InviteAsync(new NewStaffMember { Email = Email("linked"), DisplayName = "Lin Linked", Role = Roles.Agent }, admin)).Value!;
        var client = AccountForms.NewClient(BaseUrl);

        var tooShort = await AccountForms.PostAsync(client, link.Path, "set-password",
            new Dictionary<string, string> { ["Input.Password"] = "short", ["Input.Confirm"] = "short" });
        Assert.Contains("at least 12", await tooShort.Content.ReadAsStringAsync());
        var set = await AccountForms.PostAsync(client, link.Path, "set-password",
            new Dictionary<string, string> { ["Input.Password"] = "long enough to be fine", ["Input.Confirm"] = "long enough to be fine" });
        Assert.Contains("Your password is set.", await set.Content.ReadAsStringAsync());

        var again = await client.GetAsync(link.Path);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("This link no longer works", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Resetting_ones_own_authenticator_turns_two_factor_off_and_shows_a_new_key()
    {
        var officer = await EnrolledOfficerAsync();
        var client = AccountForms.NewClient(BaseUrl);
        await AccountForms.SignInAsync(client, officer.Email, officer.Password);
        await AccountForms.EnterCodeAsync(client, TwoFactorEnrolmentTests.CurrentCode(officer.Key));
        Assert.Contains("Two-factor sign-in is on", await client.GetStringAsync("/account/two-factor"));

        var reset = await AccountForms.PostAsync(client, "/account/two-factor", "reset-2fa", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("Your authenticator is reset", await reset.Content.ReadAsStringAsync());
        Assert.StartsWith($"{BaseUrl}/account/login", AccountForms.Location(await client.GetAsync("/customers")));
        // The password alone signs in again, and Compliance must enrol the new app before anything else.
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.SignInAsync(client, officer.Email, officer.Password)).StatusCode);
        Assert.Equal("/account/two-factor", AccountForms.Location(await client.GetAsync("/customers")));
        Assert.DoesNotContain($"data-key=\"{officer.Key}\"", await client.GetStringAsync("/account/two-factor"));
        var log = (await fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<SecurityLog>()
            .SearchAsync(new SecurityLogQuery { Kind = SecurityEventKinds.TwoFactorReset, Search = officer.Email }, await AdminAsync())).Value!;
        Assert.Equal("by the user", Assert.Single(log).Details);
    }

    [Fact]
    public async Task Administrators_export_the_security_log_as_csv_and_others_may_not()
    {
        var admin = BackOfficeApp.Users.First(u => u.Role == Roles.Admin);
        var manager = BackOfficeApp.Users.First(u => u.Role == Roles.Manager);
        var adminClient = AccountForms.NewClient(BaseUrl);
        var managerClient = AccountForms.NewClient(BaseUrl);
        await AccountForms.SignInAsync(adminClient, admin.Email, admin.Password);
        await AccountForms.SignInAsync(managerClient, manager.Email, manager.Password);

        var csv = await adminClient.GetAsync("/admin/security-log/export.csv?kind=sign_in_succeeded&from=not-a-date");
        var refused = await managerClient.GetAsync("/admin/security-log/export.csv");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at,event,actor,account,client_ip,details", lines[0]);
        Assert.Contains(lines.Skip(1), l => l.Contains(",sign_in_succeeded,Ada Admin,admin@test.local,127.0.0.1,password"));
        Assert.All(lines.Skip(1), l => Assert.Contains(",sign_in_succeeded,", l));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, refused.StatusCode.ToString());
    }

    [Fact]
    public async Task Enrolling_ends_the_session_and_the_next_sign_in_takes_a_code()
    {
        var email = Email("enrols");
        const string password = "enrolling over plain HTTP";
        await StaffAccounts.MemberAsync(fixture.Staff, await AdminAsync(), email, "Enid Enrols", Roles.Compliance, password);
        var client = AccountForms.NewClient(BaseUrl);
        await AccountForms.SignInAsync(client, email, password);
        var enrolment = await client.GetStringAsync("/account/two-factor");
        var key = System.Text.RegularExpressions.Regex.Match(enrolment, "data-key=\"([A-Z2-7]+)\"").Groups[1].Value;
        Assert.NotEmpty(key);

        // Past the recheck interval, the enrolment request itself rechecks the cookie (loading the person) first.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var enabled = await AccountForms.PostAsync(client, "/account/two-factor", "enable-2fa",
            new Dictionary<string, string> { ["Input.Code"] = TwoFactorEnrolmentTests.CurrentCode(key) });
        Assert.Contains("data-testid=\"recovery-codes\"", await enabled.Content.ReadAsStringAsync());

        Assert.StartsWith($"{BaseUrl}/account/login", AccountForms.Location(await client.GetAsync("/customers")));
        var again = await AccountForms.SignInAsync(client, email, password);
        Assert.StartsWith($"{BaseUrl}/account/login-2fa", AccountForms.Location(again));
    }
}
