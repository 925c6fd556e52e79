using System.Collections.Frozen;

namespace BackOffice.Core.Reference;

/// <param name="Code">ISO 4217 alphabetic code, e.g. "EUR".</param>
/// <param name="Name">Common English name.</param>
/// <param name="MinorUnits">Digits after the decimal separator per ISO 4217 (0 for JPY, 3 for KWD).</param>
public sealed record Currency(string Code, string Name, int MinorUnits);

/// <summary>
/// Active ISO 4217 currencies in circulation. Funds codes (BOV, CHE, CHW, CLF, COU, MXV,
/// USN, UYI, UYW), precious metals, supranational units (XDR, XSU, XUA, XB*), the testing
/// and "no currency" codes (XTS, XXX) and withdrawn currencies (e.g. ANG, CUC, HRK, SLL, ZWL)
/// are deliberately left out. Of the X-codes only the shared national currencies are kept:
/// XAF, XCD, XCG, XOF and XPF.
/// </summary>
/// <remarks>
/// A fixed list in code so results don't vary with the OS/ICU data behind RegionInfo.
/// </remarks>
public static class Currencies
{
    // Sorted by Code.
    private static readonly Currency[] Items =
    [
        new("AED", "UAE Dirham", 2),
        new("AFN", "Afghan Afghani", 2),
        new("ALL", "Albanian Lek", 2),
        new("AMD", "Armenian Dram", 2),
        new("AOA", "Angolan Kwanza", 2),
        new("ARS", "Argentine Peso", 2),
        new("AUD", "Australian Dollar", 2),
        new("AWG", "Aruban Florin", 2),
        new("AZN", "Azerbaijani Manat", 2),
        new("BAM", "Bosnia-Herzegovina Convertible Mark", 2),
        new("BBD", "Barbadian Dollar", 2),
        new("BDT", "Bangladeshi Taka", 2),
        new("BGN", "Bulgarian Lev", 2),
        new("BHD", "Bahraini Dinar", 3),
        new("BIF", "Burundian Franc", 0),
        new("BMD", "Bermudian Dollar", 2),
        new("BND", "Brunei Dollar", 2),
        new("BOB", "Bolivian Boliviano", 2),
        new("BRL", "Brazilian Real", 2),
        new("BSD", "Bahamian Dollar", 2),
        new("BTN", "Bhutanese Ngultrum", 2),
        new("BWP", "Botswana Pula", 2),
        new("BYN", "Belarusian Ruble", 2),
        new("BZD", "Belize Dollar", 2),
        new("CAD", "Canadian Dollar", 2),
        new("CDF", "Congolese Franc", 2),
        new("CHF", "Swiss Franc", 2),
        new("CLP", "Chilean Peso", 0),
        new("CNY", "Chinese Yuan", 2),
        new("COP", "Colombian Peso", 2),
        new("CRC", "Costa Rican Colón", 2),
        new("CUP", "Cuban Peso", 2),
        new("CVE", "Cape Verdean Escudo", 2),
        new("CZK", "Czech Koruna", 2),
        new("DJF", "Djiboutian Franc", 0),
        new("DKK", "Danish Krone", 2),
        new("DOP", "Dominican Peso", 2),
        new("DZD", "Algerian Dinar", 2),
        new("EGP", "Egyptian Pound", 2),
        new("ERN", "Eritrean Nakfa", 2),
        new("ETB", "Ethiopian Birr", 2),
        new("EUR", "Euro", 2),
        new("FJD", "Fijian Dollar", 2),
        new("FKP", "Falkland Islands Pound", 2),
        new("GBP", "Pound Sterling", 2),
        new("GEL", "Georgian Lari", 2),
        new("GHS", "Ghanaian Cedi", 2),
        new("GIP", "Gibraltar Pound", 2),
        new("GMD", "Gambian Dalasi", 2),
        new("GNF", "Guinean Franc", 0),
        new("GTQ", "Guatemalan Quetzal", 2),
        new("GYD", "Guyanese Dollar", 2),
        new("HKD", "Hong Kong Dollar", 2),
        new("HNL", "Honduran Lempira", 2),
        new("HTG", "Haitian Gourde", 2),
        new("HUF", "Hungarian Forint", 2),
        new("IDR", "Indonesian Rupiah", 2),
        new("ILS", "Israeli New Shekel", 2),
        new("INR", "Indian Rupee", 2),
        new("IQD", "Iraqi Dinar", 3),
        new("IRR", "Iranian Rial", 2),
        new("ISK", "Icelandic Króna", 0),
        new("JMD", "Jamaican Dollar", 2),
        new("JOD", "Jordanian Dinar", 3),
        new("JPY", "Japanese Yen", 0),
        new("KES", "Kenyan Shilling", 2),
        new("KGS", "Kyrgyzstani Som", 2),
        new("KHR", "Cambodian Riel", 2),
        new("KMF", "Comorian Franc", 0),
        new("KPW", "North Korean Won", 2),
        new("KRW", "South Korean Won", 0),
        new("KWD", "Kuwaiti Dinar", 3),
        new("KYD", "Cayman Islands Dollar", 2),
        new("KZT", "Kazakhstani Tenge", 2),
        new("LAK", "Lao Kip", 2),
        new("LBP", "Lebanese Pound", 2),
        new("LKR", "Sri Lankan Rupee", 2),
        new("LRD", "Liberian Dollar", 2),
        new("LSL", "Lesotho Loti", 2),
        new("LYD", "Libyan Dinar", 3),
        new("MAD", "Moroccan Dirham", 2),
        new("MDL", "Moldovan Leu", 2),
        new("MGA", "Malagasy Ariary", 2),
        new("MKD", "Macedonian Denar", 2),
        new("MMK", "Myanmar Kyat", 2),
        new("MNT", "Mongolian Tugrik", 2),
        new("MOP", "Macanese Pataca", 2),
        new("MRU", "Mauritanian Ouguiya", 2),
        new("MUR", "Mauritian Rupee", 2),
        new("MVR", "Maldivian Rufiyaa", 2),
        new("MWK", "Malawian Kwacha", 2),
        new("MXN", "Mexican Peso", 2),
        new("MYR", "Malaysian Ringgit", 2),
        new("MZN", "Mozambican Metical", 2),
        new("NAD", "Namibian Dollar", 2),
        new("NGN", "Nigerian Naira", 2),
        new("NIO", "Nicaraguan Córdoba", 2),
        new("NOK", "Norwegian Krone", 2),
        new("NPR", "Nepalese Rupee", 2),
        new("NZD", "New Zealand Dollar", 2),
        new("OMR", "Omani Rial", 3),
        new("PAB", "Panamanian Balboa", 2),
        new("PEN", "Peruvian Sol", 2),
        new("PGK", "Papua New Guinean Kina", 2),
        new("PHP", "Philippine Peso", 2),
        new("PKR", "Pakistani Rupee", 2),
        new("PLN", "Polish Zloty", 2),
        new("PYG", "Paraguayan Guarani", 0),
        new("QAR", "Qatari Riyal", 2),
        new("RON", "Romanian Leu", 2),
        new("RSD", "Serbian Dinar", 2),
        new("RUB", "Russian Ruble", 2),
        new("RWF", "Rwandan Franc", 0),
        new("SAR", "Saudi Riyal", 2),
        new("SBD", "Solomon Islands Dollar", 2),
        new("SCR", "Seychellois Rupee", 2),
        new("SDG", "Sudanese Pound", 2),
        new("SEK", "Swedish Krona", 2),
        new("SGD", "Singapore Dollar", 2),
        new("SHP", "Saint Helena Pound", 2),
        new("SLE", "Sierra Leonean Leone", 2),
        new("SOS", "Somali Shilling", 2),
        new("SRD", "Surinamese Dollar", 2),
        new("SSP", "South Sudanese Pound", 2),
        new("STN", "São Tomé and Príncipe Dobra", 2),
        new("SVC", "Salvadoran Colón", 2),
        new("SYP", "Syrian Pound", 2),
        new("SZL", "Swazi Lilangeni", 2),
        new("THB", "Thai Baht", 2),
        new("TJS", "Tajikistani Somoni", 2),
        new("TMT", "Turkmenistani Manat", 2),
        new("TND", "Tunisian Dinar", 3),
        new("TOP", "Tongan Pa'anga", 2),
        new("TRY", "Turkish Lira", 2),
        new("TTD", "Trinidad and Tobago Dollar", 2),
        new("TWD", "New Taiwan Dollar", 2),
        new("TZS", "Tanzanian Shilling", 2),
        new("UAH", "Ukrainian Hryvnia", 2),
        new("UGX", "Ugandan Shilling", 0),
        new("USD", "US Dollar", 2),
        new("UYU", "Uruguayan Peso", 2),
        new("UZS", "Uzbekistani Som", 2),
        new("VED", "Venezuelan Digital Bolívar", 2),
        new("VES", "Venezuelan Bolívar", 2),
        new("VND", "Vietnamese Dong", 0),
        new("VUV", "Vanuatu Vatu", 0),
        new("WST", "Samoan Tala", 2),
        new("XAF", "Central African CFA Franc", 0),
        new("XCD", "East Caribbean Dollar", 2),
        new("XCG", "Caribbean Guilder", 2),
        new("XOF", "West African CFA Franc", 0),
        new("XPF", "CFP Franc", 0),
        new("YER", "Yemeni Rial", 2),
        new("ZAR", "South African Rand", 2),
        new("ZMW", "Zambian Kwacha", 2),
        new("ZWG", "Zimbabwe Gold", 2),
    ];

    private static readonly FrozenDictionary<string, Currency> ByCode =
        Items.ToFrozenDictionary(c => c.Code.ToUpperInvariant(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every active currency, sorted by <see cref="Currency.Code"/>.</summary>
    public static IReadOnlyList<Currency> All { get; } = Array.AsReadOnly(Items);

    /// <summary>True when <paramref name="code"/> is an active currency code (case-insensitive, trimmed).</summary>
    public static bool IsKnown(string? code) => Find(code) is not null;

    /// <summary>The currency for <paramref name="code"/> (case-insensitive, trimmed), or null when unknown.</summary>
    public static Currency? Find(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        return ByCode.TryGetValue(code.Trim(), out var currency) ? currency : null;
    }
}
