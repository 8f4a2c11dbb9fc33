namespace Microneedling.Dialogs.Rendering.AdaptiveCards;

/// <summary>
/// A card's <c>refresh</c> (Adaptive Cards 1.4, Universal Actions). Without <see cref="UserIds"/> Teams
/// refreshes automatically in conversations of up to 60 people and offers a manual refresh in larger ones
/// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards).
/// </summary>
public sealed class CardRefresh(ExecuteAction action)
{
    // Declared as the base type so the JSON carries "type": "Action.Execute" (the discriminator is written
    // only for properties of the polymorphic base type).
    public AdaptiveAction Action { get; } = action;

    /// <summary>The Teams user ids to refresh for; null for everyone the card is shown to.</summary>
    public List<string>? UserIds { get; init; }
}
