using BackOffice.Core.Webhooks;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using BackOffice.Core.Data;

namespace BackOffice.Tests.Webhooks;

/// <summary>Outside trials, webhooks go only to public https targets: never loopback, private, link-local or metadata addresses.</summary>
public sealed class WebhookTargetTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private WebhookEndpointService Service(bool allowPrivate) => new(
        database.Services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>(), TimeProvider.System,
        Options.Create(new WebhookOptions { AllowPrivateTargets = allowPrivate }));

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("https://172.16.5.5/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    public async Task Private_and_metadata_targets_are_refused(string url)
    {
        Assert.Equal("must not point to a loopback, private, link-local or metadata address", await Service(allowPrivate: false).CheckTargetAsync(url, CancellationToken.None));
    }

    [Theory]
    [InlineData("http://93.184.215.14/hook", "must use https")]
    [InlineData("https://user:pw@93.184.215.14/hook", "must be an absolute https URL without credentials")]
    [InlineData("not a url", "must be an absolute https URL without credentials")]
    public async Task Only_https_without_credentials(string url, string message)
    {
        Assert.Equal(message, await Service(allowPrivate: false).CheckTargetAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task A_public_https_address_is_accepted_and_trials_may_allow_loopback()
    {
        Assert.Null(await Service(allowPrivate: false).CheckTargetAsync("https://93.184.215.14/hook", CancellationToken.None));
        Assert.Null(await Service(allowPrivate: true).CheckTargetAsync("http://127.0.0.1:5000/hook", CancellationToken.None));
    }
}
