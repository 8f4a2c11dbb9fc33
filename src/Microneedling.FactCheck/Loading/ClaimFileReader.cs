using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Microneedling.FactCheck;

/// <summary>
/// Reads one claim file (see content/claims/README.md for the format) and checks everything that
/// can be checked within the file. Cross-file rules (duplicate ids, related ids) are in <see cref="ClaimSetLoader"/>.
/// </summary>
internal static partial class ClaimFileReader
{
    public const int MinPhrasings = 8;

    private static readonly string[] TopLevelKeys =
        ["id", "claim", "verdict", "answer", "guidance", "sources", "referral", "phrasings", "keywords", "related", "last-reviewed", "quantities"];

    /// <summary>Reads a claim; returns null (with errors recorded) when it is unusable.</summary>
    public static Claim? Read(string path, string displayName, List<ContentError> errors, DateOnly today,
        out string? id, out IReadOnlyList<(string Id, int Line)> relatedRefs)
    {
        relatedRefs = [];
        id = null;
        var before = errors.Count;
        var fields = new YamlFields(displayName, errors);
        YamlNode? root;
        try
        {
            using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
            root = fields.LoadDocument(reader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            fields.Error(1, "", "cannot read the file: " + ex.Message);
            return null;
        }
        if (fields.Mapping(root, "") is not { } map) return null;
        fields.RejectUnknownKeys(map, "", TopLevelKeys);

        id = fields.Text(map, "id", "id");
        if (id is not null)
        {
            if (!IdPattern().IsMatch(id))
                fields.Error(YamlFields.Child(map, "id")!, "id", $"'{id}' must be lower-case words joined by hyphens");
            var expectedName = id + ".yaml";
            if (!string.Equals(Path.GetFileNameWithoutExtension(path), id, StringComparison.Ordinal))
                fields.Error(YamlFields.Child(map, "id")!, "id", $"the file should be named {expectedName} so the id is easy to find");
        }

        var statement = fields.Text(map, "claim", "claim");
        var verdictText = fields.Text(map, "verdict", "verdict");
        var verdict = Verdict.False;
        if (verdictText is not null && !VerdictNames.TryParse(verdictText, out verdict))
            fields.Error(YamlFields.Child(map, "verdict")!, "verdict", $"unknown verdict '{verdictText}' (expected false, misleading, partly-true, true or unproven)");

        var answer = fields.Text(map, "answer", "answer");
        var guidance = fields.Text(map, "guidance", "guidance");
        var sources = ReadSources(map, fields, today);
        var referral = ReadReferral(map, fields);

        var phrasings = fields.TextList(map, "phrasings", "phrasings");
        if (YamlFields.Child(map, "phrasings") is { } phrasingNode && phrasings.Count < MinPhrasings)
            fields.Error(phrasingNode, "phrasings", $"has {phrasings.Count} phrasing(s); at least {MinPhrasings} varied ones are needed");
        foreach (var dup in phrasings.GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            fields.Error(dup.Skip(1).First().Node, "phrasings", $"'{dup.Key}' is listed twice");

        var keywords = fields.TextList(map, "keywords", "keywords", required: false);
        var related = fields.TextList(map, "related", "related");
        relatedRefs = related.Select(r => (r.Value, YamlFields.LineOf(r.Node))).ToList();

        var lastReviewed = ReadDate(map, fields, today);
        var quantities = ReadQuantities(map, fields);
        if (errors.Count == before) CheckTraceability(map, fields, sources, quantities);

        if (errors.Count > before) return null;
        return new Claim
        {
            Id = id!,
            Statement = statement!,
            Verdict = verdict,
            Answer = answer!,
            Guidance = guidance!,
            Sources = sources,
            Referral = referral!,
            Phrasings = phrasings.Select(p => p.Value).ToList(),
            Keywords = keywords.Select(k => k.Value).ToList(),
            Related = related.Select(r => r.Value).ToList(),
            LastReviewed = lastReviewed!.Value,
            Quantities = quantities,
            SourceFile = displayName,
        };
    }

    private static List<Source> ReadSources(YamlMappingNode map, YamlFields fields, DateOnly today)
    {
        var result = new List<Source>();
        var items = fields.MappingList(map, "sources", "sources");
        if (items.Count == 0 && YamlFields.Child(map, "sources") is { } node)
            fields.Error(node, "sources", "at least one source is needed");
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var urls = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var field = $"sources[{i}]";
            fields.RejectUnknownKeys(item, field + ".", "id", "title", "publisher", "year", "url", "supports");
            var sourceId = fields.Text(item, "id", field + ".id", required: false);
            if (sourceId is not null)
            {
                var idNode = YamlFields.Child(item, "id")!;
                if (!SourceIdPattern().IsMatch(sourceId))
                    fields.Error(idNode, field + ".id", $"'{sourceId}' is not an evidence code (an S-number such as S11, or a code such as Chu2021 or SKINPEN-LBL)");
                else if (ids.TryGetValue(sourceId, out var first))
                    fields.Error(idNode, field + ".id", $"'{sourceId}' is used twice (also sources[{first}]): one entry per source, listing every field it backs");
                else
                    ids[sourceId] = i;
            }
            var title = fields.Text(item, "title", field + ".title");
            var publisher = fields.Text(item, "publisher", field + ".publisher");
            var yearText = fields.Text(item, "year", field + ".year");
            var year = 0;
            if (yearText is not null && (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out year) || year < 1900 || year > today.Year))
                fields.Error(YamlFields.Child(item, "year")!, field + ".year", $"'{yearText}' is not a year between 1900 and {today.Year}");
            var urlText = fields.Text(item, "url", field + ".url");
            Uri? url = null;
            if (urlText is not null)
            {
                if (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(url.Host))
                {
                    fields.Error(YamlFields.Child(item, "url")!, field + ".url", $"'{urlText}' is not an https URL");
                    url = null;
                }
                else if (urls.TryGetValue(url.AbsoluteUri, out var firstUrl))
                {
                    fields.Error(YamlFields.Child(item, "url")!, field + ".url", $"the same document is listed twice (also sources[{firstUrl}])");
                }
                else
                {
                    urls[url.AbsoluteUri] = i;
                }
            }
            var supports = ReadSupports(item, fields, field);
            if (title is not null && publisher is not null && url is not null && year > 0)
                result.Add(new Source(title, publisher, year, url) { Id = sourceId, Supports = supports });
        }
        return result;
    }

    /// <summary>
    /// Every sentence the bot says must trace to a source: the answer, the guidance, the referral
    /// wording and (when the claim has any) the quantity sentences each need at least one source whose
    /// <c>supports</c> list names them. Checked only on an otherwise valid file, so a broken source
    /// entry is reported once, not again as a missing supporter.
    /// </summary>
    private static void CheckTraceability(YamlMappingNode map, YamlFields fields, List<Source> sources, List<QuantityRule> quantities)
    {
        void Need(string support, YamlNode? node, string field)
        {
            if (node is null || sources.Any(s => s.Backs(support))) return;
            fields.Error(node, field, $"no source backs it: add '{support}' to the supports list of the source(s) it was written from");
        }
        Need(SourceSupport.Answer, YamlFields.Child(map, "answer"), "answer");
        Need(SourceSupport.Guidance, YamlFields.Child(map, "guidance"), "guidance");
        if (YamlFields.Child(map, "referral") is YamlMappingNode referral)
            Need(SourceSupport.Referral, YamlFields.Child(referral, "wording"), "referral.wording");
        if (quantities.Count > 0)
            Need(SourceSupport.Quantities, YamlFields.Child(map, "quantities"), "quantities");
        else if (YamlFields.MappingItems(map, "sources") is { } items)
            for (var i = 0; i < items.Count; i++)
                if (YamlFields.Child(items[i], "supports") is YamlSequenceNode seq
                    && seq.Children.FirstOrDefault(n => (n as YamlScalarNode)?.Value == SourceSupport.Quantities) is { } q)
                    fields.Error(q, $"sources[{i}].supports", "'quantities' is named but the claim has no quantities");
    }

    /// <summary>A source's <c>supports</c> list: which claim fields were written from it.</summary>
    private static List<string> ReadSupports(YamlMappingNode item, YamlFields fields, string field)
    {
        var node = YamlFields.Child(item, "supports");
        if (node is null) return [];
        if (node is YamlScalarNode { Value: null or "" } || node is YamlSequenceNode { Children.Count: 0 })
        {
            fields.Error(node, field + ".supports", $"is empty: name the fields this source backs ({string.Join(", ", SourceSupport.Fields)}), or leave the key out");
            return [];
        }
        var names = fields.TextList(item, "supports", field + ".supports");
        var result = new List<string>();
        foreach (var (name, nameNode) in names)
        {
            if (!SourceSupport.Fields.Contains(name, StringComparer.Ordinal))
                fields.Error(nameNode, field + ".supports", $"unknown field '{name}' (expected {string.Join(", ", SourceSupport.Fields)})");
            else if (result.Contains(name, StringComparer.Ordinal))
                fields.Error(nameNode, field + ".supports", $"'{name}' is listed twice");
            else
                result.Add(name);
        }
        return result;
    }

    private static Referral? ReadReferral(YamlMappingNode map, YamlFields fields)
    {
        var node = YamlFields.Child(map, "referral");
        if (node is null)
        {
            fields.Error(map, "referral", "is missing");
            return null;
        }
        if (fields.Mapping(node, "referral") is not { } referral) return null;
        fields.RejectUnknownKeys(referral, "referral.", "level", "wording");
        var levelText = fields.Text(referral, "level", "referral.level");
        var level = ReferralLevel.None;
        if (levelText is not null && !ReferralLevelNames.TryParse(levelText, out level))
            fields.Error(YamlFields.Child(referral, "level")!, "referral.level", $"unknown referral level '{levelText}' (expected none, dermatologist, urgent or emergency)");
        var wording = fields.Text(referral, "wording", "referral.wording");
        return wording is null ? null : new Referral(level, wording);
    }

    private static DateOnly? ReadDate(YamlMappingNode map, YamlFields fields, DateOnly today)
    {
        var text = fields.Text(map, "last-reviewed", "last-reviewed");
        if (text is null) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            fields.Error(YamlFields.Child(map, "last-reviewed")!, "last-reviewed", $"'{text}' is not a date in the form YYYY-MM-DD");
            return null;
        }
        if (date > today)
        {
            fields.Error(YamlFields.Child(map, "last-reviewed")!, "last-reviewed", $"{text} is in the future");
            return null;
        }
        return date;
    }

    private static List<QuantityRule> ReadQuantities(YamlMappingNode map, YamlFields fields)
    {
        var result = new List<QuantityRule>();
        if (YamlFields.Child(map, "quantities") is null) return result;
        var items = fields.MappingList(map, "quantities", "quantities");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var field = $"quantities[{i}]";
            fields.RejectUnknownKeys(item, field + ".", "kind", "safe-min", "usual-max", "safe-max", "far-max", "within", "above-usual", "above", "far-above", "below");
            var kindText = fields.Text(item, "kind", field + ".kind");
            var kind = QuantityKind.NeedleLength;
            var kindOk = kindText is not null && QuantityKindNames.TryParse(kindText, out kind);
            if (kindText is not null && !kindOk)
                fields.Error(YamlFields.Child(item, "kind")!, field + ".kind", $"unknown kind '{kindText}' (expected needle-length, frequency, interval or duration)");
            var min = fields.Number(item, "safe-min", field + ".safe-min");
            var usual = fields.Number(item, "usual-max", field + ".usual-max");
            var max = fields.Number(item, "safe-max", field + ".safe-max");
            var far = fields.Number(item, "far-max", field + ".far-max");
            if (min is null && max is null)
                fields.Error(item, field, "needs safe-min, safe-max or both");
            if (far is not null && max is null)
                fields.Error(YamlFields.Child(item, "far-max")!, field + ".far-max", "needs a safe-max below it");
            // The thresholds must rise: safe-min <= usual-max <= safe-max <= far-max.
            double? previous = null;
            var previousName = "";
            foreach (var (name, value) in new[] { ("safe-min", min), ("usual-max", usual), ("safe-max", max), ("far-max", far) })
            {
                if (value is null) continue;
                if (previous is not null && (name == "safe-max" && previousName == "safe-min" ? value < previous : value <= previous))
                    fields.Error(item, field, $"{previousName} ({QuantityRule.FormatValue(previous.Value)}) must be below {name} ({QuantityRule.FormatValue(value.Value)})");
                previous = value;
                previousName = name;
            }
            var within = Sentence(item, fields, "within", field, required: true);
            var aboveUsual = Sentence(item, fields, "above-usual", field, required: usual is not null);
            var above = Sentence(item, fields, "above", field, required: max is not null);
            var farAbove = Sentence(item, fields, "far-above", field, required: far is not null);
            var below = Sentence(item, fields, "below", field, required: min is not null);
            foreach (var (name, text, threshold) in new[] { ("above-usual", aboveUsual, usual), ("far-above", farAbove, far) })
                if (text is not null && threshold is null)
                    fields.Error(YamlFields.Child(item, name)!, field + "." + name, $"is never said without {(name == "far-above" ? "far-max" : "usual-max")}");
            if (kindOk && within is not null && (above is not null || max is null) && (below is not null || min is null)
                && (aboveUsual is not null || usual is null) && (farAbove is not null || far is null))
                result.Add(new QuantityRule(kind, min, max, within, above ?? within, below)
                {
                    UsualMax = usual,
                    AboveUsual = aboveUsual,
                    FarMax = far,
                    FarAbove = farAbove,
                });
        }
        foreach (var dup in result.GroupBy(r => r.Kind).Where(g => g.Count() > 1))
            fields.Error(YamlFields.Child(map, "quantities")!, "quantities", $"kind '{dup.Key.ToName()}' appears more than once");
        return result;
    }

    /// <summary>
    /// A quantity sentence. "{value}" is the only placeholder and already carries its unit
    /// ("0.5 mm", "once a month", "2 weeks"), so "{value} mm" or "{value} times a week" would say it twice.
    /// </summary>
    private static string? Sentence(YamlMappingNode item, YamlFields fields, string key, string field, bool required)
    {
        var text = fields.Text(item, key, field + "." + key, required);
        if (text is null) return null;
        var node = YamlFields.Child(item, key)!;
        foreach (Match placeholder in Placeholder().Matches(text))
            if (placeholder.Value != "{value}")
                fields.Error(node, field + "." + key, $"unknown placeholder '{placeholder.Value}' (only {{value}} is replaced)");
        if (UnitAfterValue().Match(text) is { Success: true } unit)
            fields.Error(node, field + "." + key, $"'{unit.Value}': {{value}} already includes its unit (\"0.5 mm\", \"once a month\", \"2 weeks\"); drop the '{unit.Groups[1].Value}'");
        return text;
    }

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\{value\}\s*(mm|millimet\w*|times?|x|a week|per week|weeks?|days?|months?|years?|hours?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnitAfterValue();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    // An evidence-file code: S11, Chu2021, SKINPEN-LBL, NCT02646917, FDA-ANES-2009.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$")]
    private static partial Regex SourceIdPattern();
}
