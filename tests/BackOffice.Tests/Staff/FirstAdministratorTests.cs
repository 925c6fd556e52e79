using System.Diagnostics;
using System.Text.RegularExpressions;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using BackOffice.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Staff;

/// <summary>Outside Development there are no passwords in configuration: the first administrator comes from create-admin.</summary>
public sealed partial class FirstAdministratorTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private async Task<(int ExitCode, string Output)> CreateAdminAsync(params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "BackOffice.Web.dll"), "create-admin", .. options]) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (TestDatabaseEngine.IsPostgreSql) start.Environment["Database__Provider"] = "PostgreSql";
        start.Environment["ConnectionStrings__BackOffice"] = database.ConnectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task The_create_admin_command_prints_a_one_time_link_for_a_new_administrator()
    {
        var (exitCode, output) = await CreateAdminAsync("--email", "founder@example.com", "--name", "Fay Founder", "--url", "https://backoffice.example.com/");

        Assert.True(exitCode == 0, output);
        var link = SetPasswordLink().Match(output);
        Assert.True(link.Success, output);
        Assert.True((await database.Staff.SetPasswordAsync(link.Groups[1].Value, "the founder's own passphrase")).Succeeded);
        Assert.True(await StaffAccounts.PasswordWorksAsync(database.Services, "founder@example.com", "the founder's own passphrase"));
        await using var scope = database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync("founder@example.com"))!, Roles.Admin));
    }

    [Fact]
    public async Task The_create_admin_command_explains_bad_input_and_exits_non_zero()
    {
        var (missing, usage) = await CreateAdminAsync("--email", "founder@example.com");
        var (invalid, errors) = await CreateAdminAsync("--email", "not-an-email", "--name", "Fay");

        Assert.Equal(2, missing);
        Assert.Contains("Usage: create-admin", usage);
        Assert.Equal(1, invalid);
        Assert.Contains("--email: Enter a valid email address.", errors);
    }

    [Fact]
    public async Task Outside_Development_seed_users_are_ignored_and_two_factor_is_required_of_Compliance_and_Admin()
    {
        await using var app = new BackOfficeApp(folder: null, new Dictionary<string, string> { ["environment"] = "Production" });
        app.Start();

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        Assert.Null(await users.FindByEmailAsync(BackOfficeApp.Users[0].Email));
        Assert.Equal([Roles.Admin, Roles.Compliance], scope.ServiceProvider.GetRequiredService<TwoFactorPolicy>().Roles.Order());
    }

    [GeneratedRegex(@"https://backoffice\.example\.com/account/set-password\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex SetPasswordLink();
}
