using Microsoft.Extensions.Options;

namespace Microneedling.Bot.PublicPages;

/// <summary>Refuses start-up on unusable <see cref="PublicPagesOptions"/>, listing every problem.</summary>
internal sealed class PublicPagesOptionsValidator : IValidateOptions<PublicPagesOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicPagesOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
