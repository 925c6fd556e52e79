using BackOffice.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddBackOffice();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseBackOffice();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
