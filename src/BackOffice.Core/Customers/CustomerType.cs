namespace BackOffice.Core.Customers;

public enum CustomerType
{
    Individual = 0,
    Business = 1,
}

public static class CustomerTypeNames
{
    public const string InvalidMessage = "must be individual or business";

    public static string ToWire(this CustomerType type) => type == CustomerType.Business ? "business" : "individual";

    public static string ToDisplay(this CustomerType type) => type == CustomerType.Business ? "Business" : "Individual";

    public static bool TryParseWire(string? value, out CustomerType type)
    {
        // Exactly as the contract spells them: the API must not accept what it would not return.
        switch (value)
        {
            case "individual": type = CustomerType.Individual; return true;
            case "business": type = CustomerType.Business; return true;
            default: type = default; return false;
        }
    }
}
