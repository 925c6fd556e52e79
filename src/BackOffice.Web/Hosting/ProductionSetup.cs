using System.Net;
using System.Security.Cryptography.X509Certificates;
using BackOffice.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Web.Hosting;

/// <summary>
/// What running in production needs beyond the features: the proxy in front (forwarded headers, HTTPS, HSTS), Secure
/// cookies, security headers, deny-by-default authorization, data-protection keys encrypted at rest, and the static
/// assets of a published build. Called from Startup, one line each.
/// </summary>
public static class ProductionSetup
{
    /// <summary>Named security-header policies; endpoints pick theirs with <c>WithSecurityHeadersPolicy</c>.</summary>
    public const string ApiDocsPolicy = "api-docs";
    public const string DocumentFilePolicy = "document-file";

    public const string AuthCookieName = "__Host-BackOffice";
    public const string AntiforgeryCookieName = "__Host-BackOffice.Antiforgery";

    /// <summary>Development and the tests run on plain HTTP from a build output; everything else is production-like.</summary>
    public static bool IsLocal(this IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public static void AddProduction(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var services = builder.Services;

        // A build output serves _content/MudBlazor and blazor.web.js only through the static web assets manifest; a
        // published build has them in its own wwwroot, fingerprinted and precompressed (MapStaticAssets).
        if (environment.IsLocal()) builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false); // no product banner for scanners

        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, builder.Configuration));
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false; // the back office's host says nothing about its parent domain's other sites
        });

        if (!environment.IsLocal())
        {
            // Behind TLS everything is HTTPS, so cookies never travel in the clear; the __Host- prefix also forbids a
            // Domain attribute, so a sibling subdomain cannot plant or overwrite them.
            services.PostConfigureAll<CookieAuthenticationOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
            {
                options.Cookie.Name = AuthCookieName;
                options.Cookie.Path = "/";
            });
            services.Configure<AntiforgeryOptions>(options =>
            {
                options.Cookie.Name = AntiforgeryCookieName;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.Path = "/";
            });
        }
        // Framing is refused by the security headers (frame-ancestors 'none' and X-Frame-Options: DENY) instead.
        services.Configure<AntiforgeryOptions>(options => options.SuppressXFrameOptionsHeader = true);

        // Deny by default: an endpoint is anonymous only if it says so (sign-in, health, static assets, the API's own scheme).
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(p => AddCommonHeaders(p).AddContentSecurityPolicy(AppContentSecurityPolicy))
            .AddPolicy(ApiDocsPolicy, p => AddCommonHeaders(p).AddContentSecurityPolicy(ApiDocsContentSecurityPolicy))
            // The document viewer sets its own CSP per file type (with frame-ancestors 'self', for the customer page's viewer).
            .AddPolicy(DocumentFilePolicy, p => p.AddContentTypeOptionsNoSniff().AddReferrerPolicySameOrigin().RemoveServerHeader()));

        ProtectDataProtectionKeys(services, builder.Configuration);
    }

    /// <summary>First in the pipeline: read the proxy's headers, then redirect to HTTPS, HSTS and the security headers.</summary>
    public static void UseProduction(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            if (string.IsNullOrWhiteSpace(app.Configuration["DataProtection:CertificatePath"]))
                app.Logger.LogWarning("DataProtection:CertificatePath is not set: the data-protection keys (sign-in cookies, antiforgery) are stored in the database unencrypted");
            app.UseHsts();
            // Plain HTTP gets a redirect to https_port (ASPNETCORE_HTTPS_PORT); the load balancer's health probe may stay on HTTP.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }
        app.UseSecurityHeaders();
    }

    /// <summary>The API docs (the OpenAPI document and the Scalar page) are anonymous only where Api:PublicDocs says so (default: Development).</summary>
    public static TBuilder WithDocsAccess<TBuilder>(this TBuilder endpoint, WebApplication app) where TBuilder : IEndpointConventionBuilder
    {
        var configured = app.Configuration.GetValue<bool?>($"{ApiOptions.Section}:PublicDocs");
        return configured ?? app.Environment.IsDevelopment() ? endpoint.AllowAnonymous() : endpoint.RequireAuthorization();
    }

    private static HeaderPolicyCollection AddCommonHeaders(HeaderPolicyCollection policy) => policy
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        // URLs carry searches by name and email: never send them to another site.
        .AddReferrerPolicySameOrigin()
        .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
        // Nothing here needs the device's sensors or payments. (Only features Chromium knows: an unknown one is a console error.)
        .AddPermissionsPolicy(features =>
        {
            features.AddAccelerometer().None();
            features.AddCamera().None();
            features.AddGeolocation().None();
            features.AddGyroscope().None();
            features.AddMagnetometer().None();
            features.AddMicrophone().None();
            features.AddPayment().None();
            features.AddUsb().None();
        })
        .RemoveServerHeader();

    /// <summary>
    /// Blazor Server and MudBlazor: scripts only from this site (blazor.web.js, MudBlazor.min.js, app.js) plus the
    /// per-response nonce on the one inline script, the import map; no eval. Styles allow inline because MudBlazor
    /// renders style attributes and Blazor's reconnect dialog injects a style element. connect-src 'self' covers the
    /// circuit's WebSocket (same origin). Documents are shown in a frame and as images from this site.
    /// </summary>
    private static void AppContentSecurityPolicy(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self().WithNonce();
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data();
        csp.AddFontSrc().Self();
        csp.AddConnectSrc().Self();
        csp.AddFrameSrc().Self();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFormAction().Self();
        csp.AddFrameAncestors().None();
    }

    /// <summary>Scalar's page is one inline configuration script and its bundled script, which injects styles and fonts as data URLs.</summary>
    private static void ApiDocsContentSecurityPolicy(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self().UnsafeInline();
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data().Blob();
        csp.AddFontSrc().Self().Data();
        csp.AddConnectSrc().Self();
        csp.AddWorkerSrc().Self().Blob();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFormAction().Self();
        csp.AddFrameAncestors().None();
    }

    /// <summary>
    /// Trust X-Forwarded-For and X-Forwarded-Proto only from the configured proxies (loopback is always trusted), so
    /// that the app sees the browser's address and scheme: Secure cookies, HSTS and rate limits per client depend on it.
    /// </summary>
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
        {
            if (!IPAddress.TryParse(proxy, out var address))
                throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.");
            options.KnownProxies.Add(address);
        }
        foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
        {
            if (!System.Net.IPNetwork.TryParse(network, out var parsed))
                throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/8).");
            options.KnownIPNetworks.Add(parsed);
        }
    }

    /// <summary>With DataProtection:CertificatePath (a PKCS#12 file, password in DataProtection:CertificatePassword) the keys are encrypted at rest.</summary>
    private static void ProtectDataProtectionKeys(IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path)) return;
        if (!File.Exists(path)) throw new InvalidOperationException($"DataProtection:CertificatePath: no file at '{path}'.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
        if (!certificate.HasPrivateKey) throw new InvalidOperationException("DataProtection:CertificatePath: the certificate has no private key.");
        services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }
}
