using BackOffice.Core;
using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using BackOffice.Core.Dashboard;
using BackOffice.Core.Exports;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Seeding;
using BackOffice.Core.Staff;
using BackOffice.Core.Wallets;
using BackOffice.Web.Api;
using BackOffice.Web.Components;
using BackOffice.Web.Components.Customers;
using BackOffice.Web.Components.Staff;
using BackOffice.Web.Components.Documents;
using BackOffice.Web.Hosting;
using BackOffice.Web.Identity;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using MudBlazor;
using MudBlazor.Services;

namespace BackOffice.Web;

/// <summary>Start-up, in the order it happens: services, database, then the request pipeline.</summary>
public static class Startup
{
    public static void AddBackOffice(this WebApplicationBuilder builder)
    {
        builder.LoadRootDevelopmentSettings();
        builder.AddProduction();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.VisibleStateDuration = 5000;
        });

        services.AddBackOfficeCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton<ExportProgress>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddAuthorization();
        // Keys for sign-in cookies, antiforgery tokens and circuits live in the database, so a restart or redeploy does
        // not sign everyone out and several instances on one database accept each other's cookies.
        services.AddDataProtection().SetApplicationName("BackOffice").PersistKeysToDbContext<BackOfficeDbContext>();
        services.AddHealthChecks().AddDbContextCheck<BackOfficeDbContext>("database");

        builder.AddStaffSignIn();

        services.AddBackOfficeApi(builder.Configuration);
        services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));
    }

    /// <summary>
    /// Staff sign-in (Identity's user store and rules are in Core's AddStaff): the cookie tied to a server-side session
    /// with sliding and absolute lifetimes, the security stamp checked every Security:RevalidationSeconds, the sign-in
    /// manager that records sessions and the security log, two-factor rules, and sign-in throttling.
    /// </summary>
    private static void AddStaffSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
            cookies.ApplicationCookie?.Configure(options =>
            {
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/account/access-denied";
                options.ExpireTimeSpan = TimeSpan.FromHours(security.SlidingSessionHours);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = SessionValidation.ValidatePrincipalAsync;
            }));
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = security.RevalidationInterval;
            options.OnRefreshingPrincipal = SessionValidation.KeepSessionClaims;
        });
        new IdentityBuilder(typeof(BackOfficeUser), typeof(IdentityRole), services)
            .AddSignInManager<BackOfficeSignInManager>()
            .AddClaimsPrincipalFactory<BackOfficeClaimsPrincipalFactory>();
        services.AddSingleton<TwoFactorPolicy>();
        services.AddSignInThrottling(builder.Configuration);
    }

    /// <summary>Migrates, makes sure the roles exist, and seeds whatever <c>Seed</c> configures (Development).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await DatabaseSetup.MigrateAsync(app.Services);

        await using var scope = app.Services.CreateAsyncScope();
        var seed = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SeedOptions>>().Value;
        if (!StaffServices.IsDemoEnvironment(app.Environment.EnvironmentName) && seed.Users.Count > 0)
        {
            // No passwords in configuration outside Development: the first administrator comes from create-admin.
            app.Logger.LogWarning("Ignoring the {Count} Seed:Users outside Development; create the first administrator with the create-admin command", seed.Users.Count);
            seed = new SeedOptions { Users = [], DemoCustomers = seed.DemoCustomers, ApiKey = seed.ApiKey };
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        await IdentitySeeder.SeedAsync(users, scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(), seed);
        if (seed.ApiKey is { Name.Length: > 0, Secret.Length: > 0 } apiKey)
        {
            if (!app.Environment.IsDevelopment())
                app.Logger.LogWarning("Seeding the API key {Name} from configuration outside Development; its secret is in configuration", apiKey.Name);
            await scope.ServiceProvider.GetRequiredService<ApiKeyService>().EnsureSeededAsync(apiKey.Name, apiKey.Secret);
        }

        if (seed.DemoCustomers > 0)
        {
            var creator = await SeedActorAsync(users, seed, Roles.Agent);
            var reviewer = await SeedActorAsync(users, seed, Roles.Compliance);
            if (creator is not null && reviewer is not null)
            {
                await DemoCustomerSeeder.SeedAsync(app.Services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>(),
                    seed.DemoCustomers, creator, reviewer, app.Services.GetRequiredService<TimeProvider>());
                await DemoDocumentSeeder.SeedAsync(app.Services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>(),
                    scope.ServiceProvider.GetRequiredService<BackOffice.Core.Documents.DocumentService>(), creator, reviewer);
                await DemoReviewSeeder.SeedAsync(app.Services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>(),
                    scope.ServiceProvider.GetRequiredService<BackOffice.Core.Reviews.ReviewClaimService>(),
                    scope.ServiceProvider.GetRequiredService<BackOffice.Core.Notes.CustomerNoteService>(), creator, reviewer);
            }
        }
    }

    private static async Task<Actor?> SeedActorAsync(UserManager<BackOfficeUser> users, SeedOptions seed, string role)
    {
        var email = seed.Users.FirstOrDefault(u => u.Role == role)?.Email;
        var user = email is null ? null : await users.FindByEmailAsync(email);
        return user is null ? null : Actor.Create(user.Id, user.DisplayName, role);
    }

    public static void UseBackOffice(this WebApplication app)
    {
        app.UseProduction();
        // The API answers errors with problem details; the pages with the error and not-found pages.
        app.UseWhen(ApiSetup.IsApiRequest, api => api.UseApiErrorHandling());
        app.UseWhen(context => !ApiSetup.IsApiRequest(context), pages =>
        {
            if (!app.Environment.IsDevelopment()) pages.UseExceptionHandler("/error", createScopeForErrors: true);
            pages.UseStatusCodePagesWithReExecute("/not-found");
        });

        // The app's own CSS and logo: wwwroot-assets/ at the repository root, copied next to the binaries at build.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
            RequestPath = "/assets",
        });

        app.UseAuthentication();
        app.UseRateLimiter(); // the API's limits and sign-in throttling (SignInThrottling)
        app.UseTwoFactorEnrolmentGate();
        app.UseAuthorization();
        app.UseAntiforgery();

        // For load balancers and orchestrators: 200 "Healthy" when the database answers, 503 otherwise. No details.
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapBackOfficeApi();
        app.MapCustomerExport();
        app.MapSecurityLogExport();
        app.MapDocumentFiles();
        // Framing is refused by the security headers (ProductionSetup), not by Blazor's own frame-ancestors 'self'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
    }

    /// <summary>
    /// In Development the settings live in the repository root's appsettings.Development.json (next to BackOffice.sln),
    /// so that `dotnet run` from anywhere and the tests read the same file. Environment variables and the command line still win.
    /// </summary>
    private static void LoadRootDevelopmentSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return;
        for (var dir = new DirectoryInfo(builder.Environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "appsettings.Development.json");
            if (File.Exists(Path.Combine(dir.FullName, "BackOffice.sln")) && File.Exists(file))
            {
                builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: false);
                builder.Configuration.AddEnvironmentVariables();
                builder.Configuration.AddCommandLine(Environment.GetCommandLineArgs().Skip(1).ToArray());
                return;
            }
        }
    }
}
