using System.IO.Compression;
using System.Text;

namespace BackOffice.Core.Seeding;

/// <summary>
/// Small generated files that look like documents, for the demo data (and the tests): a PNG "identity card" drawn
/// pixel by pixel, and a one-page PDF "utility bill". Each carries the customer's name so that no two are the same file.
/// </summary>
public static class DemoDocumentFiles
{
    public static byte[] IdentityCardPng(string name, int seed)
    {
        const int width = 320, height = 200;
        var random = new Random(seed);
        var rows = new byte[height * (1 + width * 3)];
        var (r0, g0, b0) = ((byte)random.Next(180, 230), (byte)random.Next(200, 240), (byte)random.Next(220, 255));
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            rows[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = (r0, g0, b0);
                if (y < 28) (r, g, b) = (40, 70, 120);                                       // header band
                else if (x is >= 16 and < 104 && y is >= 44 and < 164) (r, g, b) = (150, 150, 160); // photo
                else if (x >= 120 && x < 300 && (y - 50) % 22 < 8 && y is >= 50 and < 160)  // lines of "text"
                    (r, g, b) = (90, 90, 100);
                var i = row + 1 + x * 3;
                rows[i] = r; rows[i + 1] = g; rows[i + 2] = b;
            }
        }
        // The name's bytes in the last row make every card a different file.
        var stamp = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i < stamp.Length && i < width * 3; i++) rows[(height - 1) * (1 + width * 3) + 1 + i] = stamp[i];

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, width);
        WriteBigEndian(header, 4, height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(rows);
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] UtilityBillPdf(string name, string address)
    {
        var text = $"BT /F1 20 Tf 60 760 Td (Demo Energy Ltd - Electricity bill) Tj ET\n"
            + $"BT /F1 12 Tf 60 720 Td ({Escape(name)}) Tj ET\n"
            + $"BT /F1 12 Tf 60 700 Td ({Escape(address)}) Tj ET\n"
            + "BT /F1 12 Tf 60 660 Td (Period: 1 - 31 October 2026    Amount due: 84.20) Tj ET\n"
            + "BT /F1 9 Tf 60 100 Td (Generated demo document - not a real bill.) Tj ET\n";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(text)} >>\nstream\n{text}endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>PDF text is ASCII here: anything else becomes '?', and brackets and backslashes are escaped.</summary>
    private static string Escape(string text) =>
        new string(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray()).Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, (int)Crc32(typeAndData));
        png.Write(crc);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
