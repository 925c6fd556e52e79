using System.Text;
using BackOffice.Core;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Staff;

/// <summary>The security log: what writes to it, that it cannot be rewritten, and its filter and CSV export.</summary>
public sealed class SecurityLogTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private async Task<IReadOnlyList<SecurityEvent>> AllAsync(SecurityLogQuery? query = null) =>
        (await database.SecurityLog.SearchAsync(query ?? new SecurityLogQuery(), TestDatabase.Admin)).Value!;

    [Fact]
    public async Task Account_changes_api_keys_and_exports_are_logged()
    {
        var admin = await StaffAccounts.AdminAsync(database.Staff);
        var member = await StaffAccounts.MemberAsync(database.Staff, admin, "logged@test.local", "Lou Logged", Roles.Agent);
        await database.Staff.SetRolesAsync(member.Id, [Roles.Manager], admin);
        await database.Staff.ResetPasswordAsync(member.Id, admin);
        await database.Staff.DeactivateAsync(member.Id, admin);
        var key = (await database.ApiKeys.CreateAsync("Logged partner", admin)).Value!;
        await database.ApiKeys.RevokeAsync(key.Key.Id, admin);
        await database.SecurityLog.ExportCsvAsync(new SecurityLogQuery(), Stream.Null, admin);

        var kinds = (await AllAsync()).Select(e => e.Kind).Reverse().ToList();

        Assert.Equal(
        [
            SecurityEventKinds.UserInvited, SecurityEventKinds.PasswordSet, // the first administrator (create-admin)
            SecurityEventKinds.UserInvited, SecurityEventKinds.PasswordSet,
            SecurityEventKinds.UserChanged, SecurityEventKinds.PasswordReset, SecurityEventKinds.UserDeactivated,
            SecurityEventKinds.ApiKeyCreated, SecurityEventKinds.ApiKeyRevoked, SecurityEventKinds.ExportStarted,
        ], kinds);
        var roleChange = (await AllAsync(new SecurityLogQuery { Kind = SecurityEventKinds.UserChanged })).Single();
        Assert.Equal("logged@test.local", roleChange.UserEmail);
        Assert.Equal("First Admin", roleChange.ActorName);
        Assert.Equal("roles: Agent → Manager", roleChange.Details);
    }

    [Fact]
    public async Task The_log_refuses_changes_in_the_DbContext_and_in_the_database()
    {
        await database.SecurityLog.RecordAsync(SecurityEventKinds.SignInFailed, userEmail: "someone@test.local", details: "unknown email");

        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            var entry = await db.SecurityLog.FirstAsync();
            db.SecurityLog.Remove(entry);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE security_log SET \"Details\" = 'nothing happened'"));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM security_log"));
        }
        Assert.Equal("unknown email", (await AllAsync()).Single().Details);
    }

    [Fact]
    public async Task Filters_by_event_account_and_time()
    {
        await database.SecurityLog.RecordAsync(SecurityEventKinds.SignInFailed, userEmail: "ann@test.local");
        database.Clock.Advance(TimeSpan.FromHours(2));
        var middle = database.Clock.GetUtcNow().UtcDateTime;
        await database.SecurityLog.RecordAsync(SecurityEventKinds.SignInSucceeded, userEmail: "ann@test.local");
        await database.SecurityLog.RecordAsync(SecurityEventKinds.SignInFailed, userEmail: "bob@test.local");

        Assert.Equal(2, (await AllAsync(new SecurityLogQuery { Kind = SecurityEventKinds.SignInFailed })).Count);
        Assert.Equal(2, (await AllAsync(new SecurityLogQuery { Search = "ANN" })).Count);
        Assert.Equal(2, (await AllAsync(new SecurityLogQuery { From = middle })).Count);
        Assert.Single(await AllAsync(new SecurityLogQuery { To = middle }));
        Assert.Single(await AllAsync(new SecurityLogQuery { Kind = SecurityEventKinds.SignInFailed, Search = "bob" }));
        Assert.Equal(ServiceResultKind.Forbidden, (await database.SecurityLog.SearchAsync(new SecurityLogQuery(), TestDatabase.Compliance)).Kind);
    }

    [Fact]
    public async Task Exports_as_csv_that_a_spreadsheet_will_not_run_as_formulas()
    {
        await database.SecurityLog.RecordAsync(SecurityEventKinds.SignInFailed, userEmail: "=HYPERLINK(\"http://evil\")@test.local", clientIp: "127.0.0.1", details: "unknown email");
        using var output = new MemoryStream();

        var result = await database.SecurityLog.ExportCsvAsync(new SecurityLogQuery { Kind = SecurityEventKinds.SignInFailed }, output, TestDatabase.Admin);

        Assert.Equal(1, result.Value);
        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at,event,actor,account,client_ip,details", lines[0]);
        Assert.Contains(",sign_in_failed,,\"'=HYPERLINK(\"\"http://evil\"\")@test.local\",127.0.0.1,unknown email", lines[1]);
        Assert.Equal(ServiceResultKind.Forbidden, (await database.SecurityLog.ExportCsvAsync(new SecurityLogQuery(), Stream.Null, TestDatabase.Manager)).Kind);
    }
}
