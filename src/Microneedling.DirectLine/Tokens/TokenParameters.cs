namespace Microneedling.DirectLine.Tokens;

/// <summary>The optional body of tokens/generate and POST /conversations: <c>{ user: { id, name }, locale }</c>.</summary>
internal sealed class TokenParameters
{
    public TokenUser? User { get; set; }

    public string? Locale { get; set; }
}

/// <summary>The user a token is asked for.</summary>
internal sealed class TokenUser
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}
