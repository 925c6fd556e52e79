using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Core.Staff;

/// <summary>
/// The staff feature's registrations: ASP.NET Core Identity's user store and rules (passwords, lockout, the authenticator
/// token provider), the security options, and the services. The web app adds cookies and the sign-in manager on top.
/// </summary>
public static class StaffServices
{
    /// <summary>Where demo users may sign in with a password from configuration and without a second factor.</summary>
    public static bool IsDemoEnvironment(string? environmentName) =>
        environmentName is "Development" or "Testing";

    public static IServiceCollection AddStaff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLogging();
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.AddIdentityCore<BackOfficeUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // NIST SP 800-63B: length, no composition rules; StaffPasswordValidator adds "not your email or name".
                options.Password.RequiredLength = StaffLimits.MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BackOfficeDbContext>()
            .AddTokenProvider<AuthenticatorTokenProvider<BackOfficeUser>>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<StaffPasswordValidator>();

        services.AddScoped<SecurityLog>();
        services.AddScoped<StaffSessions>();
        services.AddScoped<StaffService>();
        services.AddScoped<TwoFactorEnrolment>();
        return services;
    }
}
