using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Microneedling.FactCheck;

/// <summary>
/// Reads typed fields out of a YAML mapping node and records every problem with its file, line and
/// field. Parsing through the representation model (not a deserializer) keeps line numbers for errors.
/// </summary>
internal sealed class YamlFields
{
    private readonly string _file;
    private readonly List<ContentError> _errors;

    public YamlFields(string file, List<ContentError> errors)
    {
        _file = file;
        _errors = errors;
    }

    /// <summary>Loads a file's single document, or records why it could not be read.</summary>
    public YamlNode? LoadDocument(TextReader reader)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0)
            {
                Error(1, "", "the file is empty");
                return null;
            }
            if (stream.Documents.Count > 1)
                Error((int)stream.Documents[1].RootNode.Start.Line, "", "only one YAML document per file is allowed");
            return stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message;
            Error((int)Math.Max(1, ex.Start.Line), "", "malformed YAML: " + (inner ?? ex.Message));
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            Error(1, "", "malformed YAML (an unclosed [ or { ?): " + ex.Message);
            return null;
        }
    }

    public void Error(int line, string field, string message) => _errors.Add(new ContentError(_file, line, field, message));

    public void Error(YamlNode node, string field, string message) => Error(LineOf(node), field, message);

    public static int LineOf(YamlNode node) => (int)Math.Max(1, node.Start.Line);

    public YamlMappingNode? Mapping(YamlNode? node, string field)
    {
        if (node is YamlMappingNode map) return map;
        if (node is not null) Error(node, field, "expected a mapping (key: value pairs)");
        return null;
    }

    /// <summary>Fails on keys not in <paramref name="known"/>: a misspelt key must not silently drop content.</summary>
    public void RejectUnknownKeys(YamlMappingNode map, string prefix, params string[] known)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name, StringComparer.Ordinal))
                Error(key, prefix + name, $"unknown field (expected one of: {string.Join(", ", known)})");
        }
    }

    /// <summary>The mapping items of a list field, or null when it is not a list (no errors recorded).</summary>
    public static List<YamlMappingNode>? MappingItems(YamlMappingNode map, string key) =>
        Child(map, key) is YamlSequenceNode seq ? seq.Children.OfType<YamlMappingNode>().ToList() : null;

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public string? Text(YamlMappingNode map, string key, string field, bool required = true)
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (required) Error(map, field, "is missing");
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            Error(node, field, "expected text");
            return null;
        }
        var value = scalar.Value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required) Error(node, field, "is empty");
            return null;
        }
        return value;
    }

    public double? Number(YamlMappingNode map, string key, string field)
    {
        var text = Text(map, key, field, required: false);
        if (text is null) return null;
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
            return value;
        Error(Child(map, key)!, field, $"'{text}' is not a number");
        return null;
    }

    public List<(string Value, YamlNode Node)> TextList(YamlMappingNode map, string key, string field, bool required = true)
    {
        var result = new List<(string, YamlNode)>();
        var node = Child(map, key);
        if (node is null)
        {
            if (required) Error(map, field, "is missing");
            return result;
        }
        if (node is YamlScalarNode { Value: null or "" } && !required) return result;
        if (node is not YamlSequenceNode seq)
        {
            Error(node, field, "expected a list");
            return result;
        }
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var item = seq.Children[i];
            var value = (item as YamlScalarNode)?.Value?.Trim();
            if (string.IsNullOrEmpty(value))
                Error(item, $"{field}[{i}]", "is empty");
            else
                result.Add((value, item));
        }
        return result;
    }

    public List<YamlMappingNode> MappingList(YamlMappingNode map, string key, string field, bool required = true)
    {
        var result = new List<YamlMappingNode>();
        var node = Child(map, key);
        if (node is null)
        {
            if (required) Error(map, field, "is missing");
            return result;
        }
        if (node is not YamlSequenceNode seq)
        {
            Error(node, field, "expected a list");
            return result;
        }
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (Mapping(seq.Children[i], $"{field}[{i}]") is { } item) result.Add(item);
        }
        return result;
    }
}
