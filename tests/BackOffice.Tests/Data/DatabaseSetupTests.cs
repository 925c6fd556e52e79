using BackOffice.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Data;

public sealed class DatabaseSetupTests
{
    private static void Setup(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddBackOfficeDatabase(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Path.GetTempPath());

    [Fact]
    public void An_unknown_provider_is_refused_at_start_up_naming_the_ones_that_work()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Setup(new() { ["Database:Provider"] = "Oracle" }));

        Assert.Contains("'Oracle' is not supported", error.Message);
        Assert.Contains("PostgreSql", error.Message);
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_says_which_setting_is_missing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Setup(new() { ["Database:Provider"] = "postgresql" }));

        Assert.Contains("ConnectionStrings:BackOffice", error.Message);
    }
}
