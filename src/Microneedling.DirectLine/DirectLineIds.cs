using System.Buffers.Text;
using System.Security.Cryptography;

namespace Microneedling.DirectLine;

/// <summary>Random, URL-safe ids for conversations and users, unguessable like the service's.</summary>
internal static class DirectLineIds
{
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(15));

    /// <summary>A user id with the <c>dl_</c> prefix the service gives ids it embeds in tokens (§4.4).</summary>
    public static string NewUserId() => "dl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
}
