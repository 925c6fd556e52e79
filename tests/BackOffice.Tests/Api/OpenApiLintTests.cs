using System.Diagnostics;
using System.Text.Json.Nodes;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>
/// The OpenAPI document passes Spectral's OpenAPI rules and the OWASP API Security ruleset with no errors
/// (tests/tools/.spectral.yaml; test.sh installs Spectral with npm). The warnings that remain are listed in the README.
/// </summary>
public sealed class OpenApiLintTests(BackOfficeApp app, ITestOutputHelper output) : IClassFixture<BackOfficeApp>
{
    private static readonly string Tools = Path.Combine(Repository.Root, "tests", "tools");

    [Fact]
    public async Task Spectral_with_the_OWASP_ruleset_finds_no_errors()
    {
        var spectral = Path.Combine(Tools, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"Spectral is not installed; run ./test.sh (or `npm ci` in {Tools}).");
        var document = Path.Combine(Path.GetTempPath(), $"backoffice-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await app.ApiClient(apiKey: null).GetStringAsync("/openapi/v1.json"));
        try
        {
            var start = new ProcessStartInfo(spectral, ["lint", document, "--ruleset", Path.Combine(Tools, ".spectral.yaml"), "--format", "json", "--quiet"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Tools,
            };
            using var process = Process.Start(start)!;
            var stdout = await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            var results = JsonNode.Parse(stdout.Length == 0 ? "[]" : stdout)!.AsArray();
            // Spectral's severities: 0 error, 1 warning, 2 info, 3 hint.
            var findings = results.Select(r => (Severity: r!["severity"]!.GetValue<int>(), Code: r["code"]!.ToString(),
                Message: r["message"]!.ToString(), Path: string.Join('.', r["path"]!.AsArray().Select(p => p!.ToString())))).ToList();
            foreach (var f in findings) output.WriteLine($"{(f.Severity == 0 ? "error" : "warning")} {f.Code} at {f.Path}: {f.Message}");
            Assert.True(results.Count > 0 || process.ExitCode == 0, $"Spectral failed to run: {stderr}");
            Assert.DoesNotContain(findings, f => f.Severity == 0);
        }
        finally
        {
            File.Delete(document);
        }
    }
}
