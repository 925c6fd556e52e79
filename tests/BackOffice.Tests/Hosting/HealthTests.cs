using System.Net;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Hosting;

public sealed class HealthTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    [Fact]
    public async Task Health_answers_healthy_without_signing_in_when_the_database_answers()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
