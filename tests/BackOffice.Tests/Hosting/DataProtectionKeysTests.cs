using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BackOffice.Core.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Hosting;

/// <summary>With DataProtection:CertificatePath, the keys behind sign-in cookies and antiforgery are encrypted in the database.</summary>
public sealed class DataProtectionKeysTests : IAsyncLifetime
{
    private readonly string certificatePath = Path.Combine(Path.GetTempPath(), $"backoffice-dp-{Guid.NewGuid():N}.pfx");
    private BackOfficeApp app = null!;

    public async ValueTask InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=BackOffice data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pkcs12, "test-password"));
        app = new BackOfficeApp(folder: null, new Dictionary<string, string>
        {
            ["DataProtection:CertificatePath"] = certificatePath,
            ["DataProtection:CertificatePassword"] = "test-password",
        });
        app.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        File.Delete(certificatePath);
    }

    [Fact]
    public async Task The_keys_are_stored_encrypted_with_the_certificate()
    {
        using var client = app.ApiClient(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode); // an antiforgery token: a key is made

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml); // the key itself in the clear
        });
    }
}
