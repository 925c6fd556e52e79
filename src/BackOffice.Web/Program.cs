using BackOffice.Web;
using BackOffice.Web.Identity;

// `create-admin --email … --name …`: the first administrator, with a one-time link (see README).
if (CreateAdminCommand.IsInvoked(args)) return await CreateAdminCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddBackOffice();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseBackOffice();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
