using System.Net;
using System.Text;
using Microneedling.Dialogs.Flows;
using Microsoft.Bot.Schema.Teams;

namespace Microneedling.Dialogs.Teams;

/// <summary>
/// The plain text of the Teams message a message action was run on. Teams sends the body as HTML
/// (<c>messagePayload.body.contentType</c> "html") with mentions and formatting in it.
/// </summary>
public static class MessageText
{
    public static string Of(MessageActionsPayload? message, int maxLength)
    {
        var body = message?.Body;
        if (string.IsNullOrEmpty(body?.Content)) return "";
        // Cut first: the cost stays bounded whatever a client sends (markup only shrinks when stripped).
        var content = UserText.Head(body.Content, maxLength * 4);
        var text = string.Equals(body.ContentType, "text", StringComparison.OrdinalIgnoreCase) ? content : WebUtility.HtmlDecode(WithoutTags(content));
        return UserText.Head(UserText.Clean(text), maxLength);
    }

    /// <summary>Every tag becomes a space, so "pus&lt;/p&gt;&lt;p&gt;fever" stays two words. One pass, no regex to time out.</summary>
    private static string WithoutTags(string html)
    {
        var text = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var ch in html)
        {
            if (inTag)
            {
                if (ch == '>') inTag = false;
                continue;
            }
            if (ch == '<')
            {
                inTag = true;
                text.Append(' ');
                continue;
            }
            text.Append(ch);
        }
        return text.ToString();
    }
}
