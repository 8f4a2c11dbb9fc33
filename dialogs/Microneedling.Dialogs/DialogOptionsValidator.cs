using Microsoft.Extensions.Options;

namespace Microneedling.Dialogs;

/// <summary>Rejects unusable "Dialogs" settings at start-up, naming each one.</summary>
internal sealed class DialogOptionsValidator : IValidateOptions<DialogOptions>
{
    public ValidateOptionsResult Validate(string? name, DialogOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
