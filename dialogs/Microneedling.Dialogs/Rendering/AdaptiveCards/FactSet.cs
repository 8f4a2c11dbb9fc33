namespace Microneedling.Dialogs.Rendering.AdaptiveCards;

/// <summary>Title/value pairs laid out as two columns (used for the command list).</summary>
public sealed class FactSet : CardElement
{
    public FactSet(params IEnumerable<Fact> facts) => Facts = [.. facts];

    public List<Fact> Facts { get; }
}

/// <summary>One row of a <see cref="FactSet"/>.</summary>
public sealed record Fact(string Title, string Value);
