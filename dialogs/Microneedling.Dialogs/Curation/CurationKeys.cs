using System.Globalization;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Storage keys for curator records: <c>curation/&lt;kind&gt;/&lt;utc-ticks&gt;-&lt;guid&gt;</c>. Ticks first
/// so a key-ordered listing is time-ordered; the guid keeps two records of one tick apart.
/// </summary>
internal static class CurationKeys
{
    public static string New(string kind, DateTimeOffset utcNow) =>
        string.Create(CultureInfo.InvariantCulture, $"curation/{kind}/{utcNow.UtcTicks:D19}-{Guid.NewGuid():N}");
}
