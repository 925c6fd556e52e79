using System.IO.Compression;

namespace BackOffice.Core.Screening;

/// <summary>A list's files kept in the database as one zip archive, and read back and parsed.</summary>
public static class SanctionsListStore
{
    public static byte[] Pack(SanctionsListFiles files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files.Files)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    public static SanctionsListFiles Unpack(byte[] archive, DateTime? publishedAt)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }
        return new SanctionsListFiles(files, publishedAt);
    }

    /// <summary>Parses the files in the list's format; a malformed or truncated file throws <see cref="SanctionsListFormatException"/>.</summary>
    public static SanctionsListContent Parse(string name, SanctionsListFormat format, SanctionsListFiles files) => format switch
    {
        SanctionsListFormat.OfacSdnCsv => OfacSdnParser.Parse(name, files),
        SanctionsListFormat.UnConsolidatedXml => UnConsolidatedParser.Parse(name, files),
        _ => throw new SanctionsListFormatException($"Unknown list format {format}."),
    };
}
