namespace Microneedling.DirectLine.Tokens;

/// <summary>Why a token was refused: 403 BadArgument for <see cref="Invalid"/>, 403 TokenExpired for <see cref="Expired"/>.</summary>
internal enum TokenValidationFailure
{
    None,
    Invalid,
    Expired,
}
