using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Teams;

/// <summary>
/// The search-based message extension (<c>composeExtension/query</c>) and link unfurling of the public
/// claim pages (<c>composeExtension/queryLink</c>). Each result is the full <see cref="SharedClaimCard"/>
/// with a one-line preview (the claim, its verdict, the answer's first sentence); picking a preview puts
/// the card into the message being written.
/// </summary>
public sealed class ClaimSearchExtension(ClaimSearch search, ClaimSet claims, PublicClaimPages pages, TeamsOptions options)
{
    public const string TooLong = "That search is too long: type a few words of the claim, such as \"needle length\".";

    public async Task<MessagingExtensionResponse> QueryAsync(MessagingExtensionQuery query, CancellationToken cancellationToken)
    {
        // The SDK hands over null for an invoke without a value.
        if (query is null) throw InvokeErrors.BadRequest(InvokeErrors.NoValue);
        if (query.CommandId != TeamsCommands.Search) throw InvokeErrors.BadRequest($"Unknown search command '{Shorten(query.CommandId)}'.");
        var parameters = query.Parameters ?? [];
        var initialRun = parameters.Any(p => p?.Name == TeamsCommands.InitialRun);
        var text = initialRun ? "" : TextOf(parameters.FirstOrDefault(p => p?.Name == TeamsCommands.SearchParameter) ?? parameters.FirstOrDefault(p => p is not null));
        if (text.Length > options.MaxQueryLength) return Message(TooLong);

        var skip = Math.Max(0, query.QueryOptions?.Skip ?? 0);
        var count = Math.Clamp(query.QueryOptions?.Count ?? options.MaxResults, 0, options.MaxResults);
        var found = await search.SearchAsync(text, skip, count, cancellationToken).ConfigureAwait(false);
        return Result(found.Select(Attachment));
    }

    /// <summary>A pasted link to one of our claim pages gets the claim's card; any other link gets nothing (no card, no error).</summary>
    public MessagingExtensionResponse Unfurl(AppBasedLinkQuery link)
    {
        if (link is null) throw InvokeErrors.BadRequest(InvokeErrors.NoValue);
        if (pages.ClaimIdOf(link.Url) is not { } id || claims.Find(id) is not { } claim) return new MessagingExtensionResponse();
        return Result([Attachment(claim)]);
    }

    /// <summary>One claim as a message extension result: the card, and the preview Teams lists.</summary>
    public MessagingExtensionAttachment Attachment(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var preview = new ThumbnailCard
        {
            Title = MarkdownText.Clean(claim.Statement),
            Subtitle = claim.Verdict.ToLabel(),
            Text = SharedClaimCard.FirstLine(claim),
        };
        return new MessagingExtensionAttachment
        {
            ContentType = AdaptiveCard.ContentType,
            Content = SharedClaimCard.Build(claim, pages.For(claim.Id)),
            Preview = preview.ToAttachment(),
        };
    }

    public static MessagingExtensionResponse Result(IEnumerable<MessagingExtensionAttachment> attachments) => new()
    {
        ComposeExtension = new MessagingExtensionResult { Type = "result", AttachmentLayout = AttachmentLayoutTypes.List, Attachments = [.. attachments] },
    };

    private static MessagingExtensionResponse Message(string text) => new()
    {
        ComposeExtension = new MessagingExtensionResult { Type = "message", Text = text },
    };

    /// <summary>The typed text; a parameter value that is not text is a malformed request.</summary>
    private static string TextOf(MessagingExtensionParameter? parameter) => parameter?.Value switch
    {
        null => "",
        string s => s,
        JValue { Type: JTokenType.String or JTokenType.Integer or JTokenType.Float or JTokenType.Null } v => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw InvokeErrors.BadRequest("The search parameter's value must be text."),
    };

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 64 ? text : text[..64] + "...";
}
