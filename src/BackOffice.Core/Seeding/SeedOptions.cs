namespace BackOffice.Core.Seeding;

/// <summary>The <c>Seed</c> configuration section: demo users and customers for a first run (Development).</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public List<SeedUser> Users { get; set; } = [];
    /// <summary>How many demo customers to create when the database has none.</summary>
    public int DemoCustomers { get; set; }
    /// <summary>An API key to create if missing, so that the README's curl example works on a first run.</summary>
    public SeedApiKey? ApiKey { get; set; }
}

public sealed class SeedApiKey
{
    public string Name { get; set; } = "";
    public string Secret { get; set; } = "";
}

public sealed class SeedUser
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
}
