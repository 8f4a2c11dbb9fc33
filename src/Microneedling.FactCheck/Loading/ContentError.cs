namespace Microneedling.FactCheck;

/// <summary>One problem in a content file, located for the curator: <c>file:line: field: message</c>.</summary>
public sealed record ContentError(string File, int Line, string Field, string Message)
{
    public override string ToString() =>
        Field.Length == 0 ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: {Field}: {Message}";
}

/// <summary>Thrown when content (claims, vocabulary, red flags) does not validate. Lists every problem found.</summary>
public sealed class ContentException : Exception
{
    public ContentException(IReadOnlyList<ContentError> errors)
        : base(Describe(errors)) => Errors = errors;

    public IReadOnlyList<ContentError> Errors { get; }

    private static string Describe(IReadOnlyList<ContentError> errors) =>
        $"{errors.Count} problem(s) in the content:" + Environment.NewLine +
        string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
