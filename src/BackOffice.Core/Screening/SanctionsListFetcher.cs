using System.Globalization;
using System.Text.RegularExpressions;

namespace BackOffice.Core.Screening;

/// <summary>
/// Fetches a configured list's files from an http(s) URL or a file path (relative paths from the content root). The
/// publication date comes from the server's Last-Modified, or from a date in the file name (the shipped copies carry it).
/// </summary>
public sealed partial class SanctionsListFetcher(HttpClient http, string contentRoot)
{
    public async Task<SanctionsListFiles> FetchAsync(SanctionsSourceOptions source, CancellationToken ct)
    {
        var files = new Dictionary<string, byte[]>();
        DateTime? published = null;
        foreach (var name in SanctionsListFiles.NamesFor(source.Format))
        {
            var location = LocationOf(source, name);
            var (bytes, date) = await ReadAsync(location, ct);
            files[name] = bytes;
            published ??= date;
        }
        return new SanctionsListFiles(files, published);
    }

    /// <summary>Where one of the source's files is: OFAC's alt.csv and add.csv sit next to sdn.csv unless configured.</summary>
    public static string LocationOf(SanctionsSourceOptions source, string file)
    {
        if (source.Format != SanctionsListFormat.OfacSdnCsv || file == SanctionsListFiles.OfacSdn) return source.Url;
        var configured = file == SanctionsListFiles.OfacAlt ? source.AltUrl : source.AddUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var slash = source.Url.LastIndexOfAny(['/', '\\']);
        var last = source.Url[(slash + 1)..];
        var replaced = SdnInName().Replace(last, file == SanctionsListFiles.OfacAlt ? "alt" : "add", 1);
        if (replaced == last) throw new InvalidOperationException($"Cannot tell where {file} is from {source.Url}: set {(file == SanctionsListFiles.OfacAlt ? "AltUrl" : "AddUrl")}.");
        return source.Url[..(slash + 1)] + replaced;
    }

    private async Task<(byte[] Bytes, DateTime? PublishedAt)> ReadAsync(string location, CancellationToken ct)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            try
            {
                using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
                if (!response.IsSuccessStatusCode)
                    throw new SanctionsListFetchException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                var bytes = await response.Content.ReadAsByteArrayAsync(ct);
                if (response.Content.Headers.ContentLength is { } expected && expected != bytes.Length)
                    throw new SanctionsListFetchException($"{uri} sent {bytes.Length:N0} of {expected:N0} bytes (truncated).");
                return (bytes, response.Content.Headers.LastModified?.UtcDateTime ?? DateInName(uri.AbsolutePath));
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                // An OFAC source is three downloads: the admin page must say which one failed (refused, broken off).
                throw new SanctionsListFetchException($"{uri} could not be read: {e.Message}");
            }
        }
        var path = Path.IsPathRooted(location) ? location : Path.GetFullPath(Path.Combine(contentRoot, location));
        if (!File.Exists(path)) throw new SanctionsListFetchException($"The file {path} does not exist.");
        return (await File.ReadAllBytesAsync(path, ct), DateInName(path) ?? File.GetLastWriteTimeUtc(path));
    }

    private static DateTime? DateInName(string path) =>
        DateInFileName().Match(Path.GetFileName(path)) is { Success: true } m
        && DateTime.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? date : null;

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex DateInFileName();

    [GeneratedRegex("sdn", RegexOptions.IgnoreCase)]
    private static partial Regex SdnInName();
}
