using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Staff;

/// <summary>The app with Compliance required to use two-factor sign-in, as it would be outside Development.</summary>
public sealed class TwoFactorRequiredApp : IAsyncLifetime
{
    public BackOfficeApp App { get; } = new(folder: null, new Dictionary<string, string>
    {
        ["Security:RequireTwoFactorForRoles"] = Roles.Compliance,
        // Cookies are rechecked (and renewed) every second, so that tests see what happens after a recheck.
        ["Security:RevalidationSeconds"] = "1",
    });

    public StaffService Staff => App.Services.CreateScope().ServiceProvider.GetRequiredService<StaffService>();
    public TwoFactorEnrolment TwoFactor => App.Services.CreateScope().ServiceProvider.GetRequiredService<TwoFactorEnrolment>();

    public ValueTask InitializeAsync()
    {
        App.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
