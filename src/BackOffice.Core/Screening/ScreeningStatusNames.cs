namespace BackOffice.Core.Screening;

public static class ScreeningStatusNames
{
    public static string ToWire(this ScreeningStatus status) => status switch
    {
        ScreeningStatus.NotScreened => "not_screened",
        ScreeningStatus.Clear => "clear",
        ScreeningStatus.PotentialMatch => "potential_match",
        ScreeningStatus.ConfirmedMatch => "confirmed_match",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToDisplay(this ScreeningStatus status) => status switch
    {
        ScreeningStatus.NotScreened => "Not screened",
        ScreeningStatus.Clear => "Clear",
        ScreeningStatus.PotentialMatch => "Potential match",
        ScreeningStatus.ConfirmedMatch => "Confirmed match",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseWire(string? value, out ScreeningStatus status)
    {
        foreach (var candidate in Enum.GetValues<ScreeningStatus>())
        {
            if (string.Equals(candidate.ToWire(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }
}
