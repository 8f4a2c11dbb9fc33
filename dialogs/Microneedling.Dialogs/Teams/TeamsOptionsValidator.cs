using Microsoft.Extensions.Options;

namespace Microneedling.Dialogs.Teams;

/// <summary>Rejects unusable "Teams" settings at start-up, naming each one.</summary>
internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
