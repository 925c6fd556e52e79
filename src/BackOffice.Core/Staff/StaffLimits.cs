namespace BackOffice.Core.Staff;

/// <summary>Limits read by the service, the EF mapping and the inputs' MaxLength.</summary>
public static class StaffLimits
{
    public const int DisplayNameLength = 100;
    public const int EmailLength = 254;
    public const int MinPasswordLength = 12;
    /// <summary>Long enough for passphrases; short enough that hashing it is cheap.</summary>
    public const int MaxPasswordLength = 256;
    public const int RecoveryCodeCount = 10;
}
