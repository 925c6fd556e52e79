namespace BackOffice.Core.Customers;

public enum CustomerType
{
    Individual = 0,
    Business = 1,
}

public static class CustomerTypeNames
{
    public static string ToWire(this CustomerType type) => type == CustomerType.Business ? "business" : "individual";

    public static string ToDisplay(this CustomerType type) => type == CustomerType.Business ? "Business" : "Individual";

    public static bool TryParseWire(string? value, out CustomerType type)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "individual": type = CustomerType.Individual; return true;
            case "business": type = CustomerType.Business; return true;
            default: type = default; return false;
        }
    }
}
