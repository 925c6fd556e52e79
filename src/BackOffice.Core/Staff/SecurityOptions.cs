using BackOffice.Core.Identity;

namespace BackOffice.Core.Staff;

/// <summary>The <c>Security</c> configuration section: two-factor rules, session lifetimes, sign-in throttling.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Comma-separated roles whose members must use two-factor sign-in. Unset: Compliance and Admin, except in Development
    /// and Testing (<see cref="StaffServices.IsDemoEnvironment"/>) where demo users sign in with a password alone.
    /// </summary>
    public string? RequireTwoFactorForRoles { get; set; }

    /// <summary>A session ends this long after sign-in however active it is (the sliding lifetime is shorter when idle).</summary>
    public double MaxSessionHours { get; set; } = 12;

    /// <summary>Idle time after which the sign-in cookie expires (renewed while in use).</summary>
    public double SlidingSessionHours { get; set; } = 8;

    /// <summary>How often open pages and cookies are checked against the database (ended sessions, changed accounts).</summary>
    public double RevalidationSeconds { get; set; } = 60;

    public double PasswordLinkHours { get; set; } = 72;

    /// <summary>Sign-in form posts (password, code, set-password) per client IP address per minute.</summary>
    public int SignInAttemptsPerIpPerMinute { get; set; } = 10;

    /// <summary>Sign-in form posts per minute from everyone together: slows a spread-out attack on many accounts.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 300;

    /// <summary>Where links printed by create-admin point when no --url is given.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    public TimeSpan MaxSession => TimeSpan.FromHours(MaxSessionHours);
    public TimeSpan RevalidationInterval => TimeSpan.FromSeconds(RevalidationSeconds);

    public IReadOnlySet<string> RolesRequiringTwoFactor(bool demoEnvironment) =>
        RequireTwoFactorForRoles is null
            ? (demoEnvironment ? new HashSet<string>() : new HashSet<string> { Roles.Compliance, Roles.Admin })
            : RequireTwoFactorForRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
