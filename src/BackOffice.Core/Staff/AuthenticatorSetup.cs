namespace BackOffice.Core.Staff;

/// <summary>What an authenticator app needs: the shared key (as text, in groups of four) and the otpauth:// URI a QR code carries.</summary>
public sealed record AuthenticatorSetup(string Email, string SharedKey, string AuthenticatorUri, bool Enabled)
{
    public string FormattedKey => string.Join(' ', SharedKey.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
}
