namespace BackOffice.Core.Identity;

public static class Roles
{
    public const string Agent = "Agent";
    public const string Compliance = "Compliance";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    /// <summary>Partner systems calling the REST API with an API key.</summary>
    public const string ApiClient = "ApiClient";

    public static readonly IReadOnlyList<string> StaffRoles = [Agent, Compliance, Manager, Admin];

    // Comma-separated lists for [Authorize(Roles = ...)].
    public const string CanCreateCustomers = Agent + "," + Admin;
    public const string CanDecideKyc = Compliance + "," + Admin;
    /// <summary>The edit page: agents and admins; compliance for an active customer's names and type.</summary>
    public const string CanEditCustomers = Agent + "," + Compliance + "," + Admin;
    public const string CanSeeDashboard = Manager + "," + Admin;
    public const string CanExportCustomers = Manager + "," + Compliance + "," + Admin;
}
