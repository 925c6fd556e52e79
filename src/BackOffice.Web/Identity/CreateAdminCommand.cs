using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Seeding;
using BackOffice.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Identity;

/// <summary>
/// <c>create-admin --email … --name … [--url https://backoffice.example]</c>: the first administrator outside
/// Development (no passwords in configuration). Migrates the database, makes the account (or makes an existing one an
/// active administrator again) and prints a one-time set-password link. Run on the server, like a migration.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = ParseOptions(args.Skip(1).ToArray());
        if (options is null || !options.TryGetValue("email", out var email) || !options.TryGetValue("name", out var name))
        {
            await Console.Error.WriteLineAsync("Usage: create-admin --email admin@example.com --name \"Ada Admin\" [--url https://backoffice.example.com]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args.Skip(1).ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddBackOffice();
        await using var app = builder.Build();
        await DatabaseSetup.MigrateAsync(app.Services);

        await using var scope = app.Services.CreateAsyncScope();
        await IdentitySeeder.SeedAsync(scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>(),
            scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(), new SeedOptions());
        var result = await scope.ServiceProvider.GetRequiredService<StaffService>().CreateAdminAsync(email, name);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Could not create the administrator: {result.Message}");
            foreach (var (field, messages) in result.Errors)
                await Console.Error.WriteLineAsync($"  --{field.ToLowerInvariant().Replace("displayname", "name")}: {string.Join(" ", messages)}");
            return 1;
        }

        var baseUrl = options.GetValueOrDefault("url") ?? app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.PublicUrl;
        var link = result.Value!;
        Console.WriteLine($"Administrator {link.Member.Email} is ready.");
        Console.WriteLine($"Open this link before {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC to set the password; it works once:");
        Console.WriteLine(baseUrl.TrimEnd('/') + link.Path);
        return 0;
    }

    /// <summary>"--email x --name y" into a dictionary; null when a value is missing.</summary>
    private static Dictionary<string, string>? ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var separator = args[i].IndexOf('=');
            if (separator > 0) { options[args[i][2..separator]] = args[i][(separator + 1)..]; continue; }
            if (i + 1 >= args.Length) return null;
            options[args[i][2..]] = args[++i];
        }
        return options;
    }
}
