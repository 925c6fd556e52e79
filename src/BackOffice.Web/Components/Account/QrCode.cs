using QRCoder;

namespace BackOffice.Web.Components.Account;

/// <summary>A QR code as a PNG data URI, drawn on the server (no script, no external service sees the key).</summary>
public static class QrCode
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
