using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Microneedling.Deployment.Tests;

/// <summary>Reading helpers for the ARM templates in deploymentTemplates/.</summary>
internal static partial class ArmTemplate
{
    public const string NewRg = "template-with-new-rg.json";
    public const string PreexistingRg = "template-with-preexisting-rg.json";
    public static readonly string[] Templates = [NewRg, PreexistingRg];

    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.Template(name)))!.AsObject();

    /// <summary>
    /// Every template scope in a file: the file itself, and every inline nested template whose expressions
    /// are evaluated in its own (inner) scope, each with its parameters.
    /// </summary>
    public static IEnumerable<JsonObject> Scopes(JsonObject template)
    {
        yield return template;
        foreach (var resource in Resources(template))
        {
            if (NestedTemplate(resource) is { } nested)
            {
                foreach (var scope in Scopes(nested)) yield return scope;
            }
        }
    }

    /// <summary>The resource-group-scope template: the file itself, or the one nested in the subscription-scope file.</summary>
    public static JsonObject ResourceGroupScope(string name)
    {
        var template = Load(name);
        return Resources(template).Select(NestedTemplate).OfType<JsonObject>().FirstOrDefault() ?? template;
    }

    /// <summary>Resources of one scope (child resources included, nested templates not).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template)
    {
        var stack = new Stack<JsonObject>((template["resources"] as JsonArray ?? []).OfType<JsonObject>().Reverse());
        while (stack.Count > 0)
        {
            var resource = stack.Pop();
            yield return resource;
            foreach (var child in (resource["resources"] as JsonArray ?? []).OfType<JsonObject>().Reverse()) stack.Push(child);
        }
    }

    public static JsonObject? NestedTemplate(JsonObject resource) =>
        (string?)resource["type"] == "Microsoft.Resources/deployments"
        && (string?)resource["properties"]?["expressionEvaluationOptions"]?["scope"] == "inner"
            ? resource["properties"]?["template"] as JsonObject
            : null;

    public static JsonObject Single(JsonObject template, string type) =>
        Assert.Single(Resources(template), r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every parameter name referenced as parameters('x') in the scope, not looking into inner-scope nested templates.</summary>
    public static HashSet<string> ReferencedParameters(JsonObject scope)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Visit(scope, isRoot: true);
        return names;

        void Visit(JsonNode? node, bool isRoot)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (!isRoot && obj.ContainsKey("resources") && obj.ContainsKey("$schema")) return; // a nested template: its own scope
                    foreach (var (_, value) in obj) Visit(value, false);
                    break;
                case JsonArray array:
                    foreach (var item in array) Visit(item, false);
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    foreach (Match m in ParameterReference().Matches(value.GetValue<string>())) names.Add(m.Groups[1].Value);
                    break;
            }
        }
    }

    public static IEnumerable<string> DeclaredParameters(JsonObject scope) =>
        (scope["parameters"] as JsonObject ?? []).Select(p => p.Key);

    [GeneratedRegex(@"parameters\(\s*'([^']+)'\s*\)")]
    private static partial Regex ParameterReference();
}
