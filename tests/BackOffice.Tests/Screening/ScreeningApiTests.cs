using System.Net;
using BackOffice.Tests.Api;
using BackOffice.Tests.Browser;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Screening;

/// <summary>The API shows a customer's screening status, and never the hits behind it.</summary>
public sealed class ScreeningApiTests(ScreeningApiTests.App fixture) : IClassFixture<ScreeningApiTests.App>
{
    public sealed class App : IAsyncLifetime
    {
        public BackOfficeApp Instance { get; } = new(folder: null, SanctionsListFolder.Settings().ToDictionary(s => s.Key, s => s.Value!));

        public async ValueTask InitializeAsync()
        {
            Instance.Start();
            await ScreeningBrowserFixture.WaitForListsAsync(Instance);
        }

        public ValueTask DisposeAsync() => Instance.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_created_through_the_API_is_screened_at_once_and_the_resource_says_only_the_status()
    {
        using var api = fixture.Instance.ApiClient();
        var body = ApiBodies.Customer();
        body["first_name"] = "Ayman";
        body["last_name"] = "Al-Zawahiri";

        var posted = await api.PostCustomerAsync(body);

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var text = await posted.Content.ReadAsStringAsync();
        var data = (await posted.JsonAsync())["data"]!.AsObject();
        Assert.Equal("potential_match", data["screening"]!["status"]!.GetValue<string>());
        Assert.NotNull(data["screening"]!["screened_at"]);
        Assert.Equal(["screened_at", "status"], data["screening"]!.AsObject().Select(p => p.Key).Order());
        Assert.DoesNotContain("OFAC", text);
        Assert.DoesNotContain("SDGT", text);

        var fetched = (await (await api.GetAsync($"/api/v1/customers/{data["id"]}")).JsonAsync())["data"]!;
        Assert.Equal("potential_match", fetched["screening"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_everyday_customer_is_clear()
    {
        using var api = fixture.Instance.ApiClient();

        var posted = await api.PostCustomerAsync(ApiBodies.Customer());

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal("clear", (await posted.JsonAsync())["data"]!["screening"]!["status"]!.GetValue<string>());
    }
}
