using System.Collections.Frozen;
using System.Text;

namespace BackOffice.Core.Screening;

/// <summary>
/// Turns a name into comparable tokens: transliterated to ASCII (AnyAscii), lower case, punctuation gone, honorifics and
/// (for companies) legal forms dropped, particles such as the Arabic article and "bin" left out so that "Ayman al-Zawahiri" and
/// "Ayman Zawahiri" agree.
/// </summary>
public static class NameNormalizer
{
    private static readonly FrozenSet<string> Honorifics = FrozenSet.ToFrozenSet(
    [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "reverend",
        "shaykh", "sheikh", "sheik", "shaikh", "shaik", "shaykha", "sheikha", "haji", "hajji", "hadji", "hajj", "mullah",
        "mulla", "maulana", "mawlana", "maulvi", "mawlawi", "maulavi", "mufti", "qari", "imam", "hafiz", "engineer", "eng",
        "general", "gen", "colonel", "col", "major", "maj", "captain", "capt", "lieutenant", "lt", "brigadier", "brig",
        "admiral", "adm", "sergeant", "sgt", "jr", "sr", "ii", "iii",
    ]);

    private static readonly FrozenSet<string> LegalForms = FrozenSet.ToFrozenSet(
    [
        "ltd", "limited", "llc", "inc", "incorporated", "co", "corp", "corporation", "company", "sa", "gmbh", "ag", "plc",
        "bv", "nv", "srl", "sarl", "spa", "jsc", "ojsc", "cjsc", "pjsc", "oao", "zao", "ooo", "pao", "fze", "fzco", "fzc",
        "llp", "lp", "pte", "pvt", "private", "sdn", "bhd", "the", "and", "of", "group", "holding", "holdings",
    ]);

    /// <summary>Particles that customers write or leave out at will (Ayman al-Zawahiri, Osama Laden): they say nothing about who it is.</summary>
    private static readonly FrozenSet<string> Particles = FrozenSet.ToFrozenSet(["al", "el", "ul", "bin", "ibn", "bint", "binti"]);

    /// <summary>The name's tokens; for a company (<paramref name="isEntity"/>) without its legal form.</summary>
    public static string[] Tokens(string? name, bool isEntity = false)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        var ascii = AnyAscii.Transliteration.Transliterate(name);
        var words = new List<string>(6);
        var current = new StringBuilder(16);
        foreach (var c in ascii)
        {
            if (char.IsAsciiLetterOrDigit(c)) current.Append(char.ToLowerInvariant(c));
            else if (c is '\'' or '`' or '\u2019' or '\u02bc' or '\u02bb') continue; // O'Brien is one word
            else Flush();
        }
        Flush();

        var tokens = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (Honorifics.Contains(word) && words.Count > 1) continue;
            if (isEntity && LegalForms.Contains(word) && words.Count > 1) continue;
            if (Particles.Contains(word) && words.Count > 1) continue;
            tokens.Add(word);
        }
        return tokens.Count > 0 ? tokens.ToArray() : words.ToArray();

        void Flush()
        {
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
    }

    /// <summary>
    /// A sound-alike key for a token (Soundex-like, with every leading vowel the same), so that Mohammed and Muhammad,
    /// Osama and Usama land on one key of the index.
    /// </summary>
    public static string PhoneticKey(string token)
    {
        if (token.Length == 0) return token;
        Span<char> key = stackalloc char[4];
        var first = token[0];
        key[0] = first is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' ? 'a' : first is 'k' or 'q' ? 'c' : first is 'j' ? 'y' : first;
        var length = 1;
        var last = Code(first);
        for (var i = 1; i < token.Length && length < 4; i++)
        {
            var code = Code(token[i]);
            if (code != '0' && code != last) key[length++] = code;
            if (token[i] is not ('h' or 'w')) last = code;
        }
        return new string(key[..length]);

        static char Code(char c) => c switch
        {
            'b' or 'f' or 'p' or 'v' => '1',
            'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
            'd' or 't' => '3',
            'l' => '4',
            'm' or 'n' => '5',
            'r' => '6',
            >= '0' and <= '9' => c,
            _ => '0',
        };
    }
}
