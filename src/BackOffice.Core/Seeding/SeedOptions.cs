namespace BackOffice.Core.Seeding;

/// <summary>The <c>Seed</c> configuration section: demo users and customers for a first run (Development).</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public List<SeedUser> Users { get; set; } = [];
    /// <summary>How many demo customers to create when the database has none.</summary>
    public int DemoCustomers { get; set; }
}

public sealed class SeedUser
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
}
