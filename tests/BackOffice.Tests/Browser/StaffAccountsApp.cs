using BackOffice.Core.Identity;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Browser;

/// <summary>
/// The app as it runs outside Development for Compliance (two-factor required), with open pages rechecked every two
/// seconds instead of every minute, so that "within 60 s" can be watched in a test.
/// </summary>
public sealed class StaffAccountsApp : IAsyncLifetime
{
    public BackOfficeApp App { get; } = new(folder: null, new Dictionary<string, string>
    {
        ["Security:RequireTwoFactorForRoles"] = Roles.Compliance,
        ["Security:RevalidationSeconds"] = "2",
    });

    public ValueTask InitializeAsync()
    {
        App.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
