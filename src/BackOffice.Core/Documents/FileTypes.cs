namespace BackOffice.Core.Documents;

/// <summary>What a file is, from its first bytes (never from its name or the type the sender declared).</summary>
public static class FileTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Pdf = "application/pdf";
    /// <summary>Bytes needed to recognise every accepted type.</summary>
    public const int HeaderLength = 8;
    public const string AcceptedMessage = "must be a JPEG, PNG or PDF file";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The content type of an accepted file, or null for anything else (an executable, HTML, a ZIP…).</summary>
    public static string? Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF) return Jpeg;
        if (header.StartsWith(PngSignature)) return Png;
        if (header.StartsWith("%PDF-"u8)) return Pdf;
        return null;
    }

    public static string Extension(string contentType) => contentType switch
    {
        Jpeg => ".jpg",
        Png => ".png",
        _ => ".pdf",
    };
}
