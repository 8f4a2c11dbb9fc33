using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Microneedling.Cli;

/// <summary>
/// Number options read with the invariant culture: "0.95" means the same on a German curator's machine as in CI
/// (the default parser follows the current culture, where "0,95" would be the number).
/// </summary>
internal static class InvariantNumber
{
    public static Option<double> Option(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "X",
        CustomParser = Parse,
    };

    private static double Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        result.AddError($"{OptionName(result)} needs a number such as 0.95, not '{text}'.");
        return 0;
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
