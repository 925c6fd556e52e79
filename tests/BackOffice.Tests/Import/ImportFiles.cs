using System.Text;

namespace BackOffice.Tests.Import;

/// <summary>Import files to start from: the contract's header and a valid row; each test changes only what it is about.</summary>
public static class ImportFiles
{
    public const string Header = "first_name,last_name,email,phone,type,billing_address.line1,billing_address.line2,billing_address.city,billing_address.state,billing_address.zip_code,billing_address.country";

    public static string Row(string email, string firstName = "Ada", string zip = "SW1A 1AA", string phone = "+44 7911 123456", string line1 = "1 Main St", string type = "individual") =>
        $"{firstName},Lovelace,{email},{phone},{type},{line1},,London,London,{zip},GB";

    public static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n");

    public static MemoryStream Stream(params string[] rows) => new(Csv(rows));

    /// <summary>A file of <paramref name="count"/> valid rows with distinct emails (the benchmark's and the speed test's data).</summary>
    public static byte[] Valid(int count, string prefix = "row")
    {
        var text = new StringBuilder(Header).Append("\r\n");
        for (var i = 0; i < count; i++) text.Append(Row($"{prefix}{i}@example.com")).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
