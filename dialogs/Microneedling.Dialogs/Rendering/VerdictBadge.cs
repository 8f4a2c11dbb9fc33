using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// The coloured verdict label at the top of an answer card. Colours are the host's semantic ones:
/// red for False, amber for Misleading and Partly true, green for True, blue for Unproven.
/// </summary>
public static class VerdictBadge
{
    public static CardElement For(Verdict verdict)
    {
        var (text, background) = Colours(verdict);
        return new Container(new TextBlock(verdict.ToLabel())
        {
            Weight = TextWeight.Bolder,
            Size = TextSize.Medium,
            Color = text,
        })
        {
            Style = background,
        };
    }

    public static TextColor TextColour(Verdict verdict) => Colours(verdict).Text;

    private static (TextColor Text, ContainerStyle Background) Colours(Verdict verdict) => verdict switch
    {
        Verdict.False => (TextColor.Attention, ContainerStyle.Attention),
        Verdict.Misleading or Verdict.PartlyTrue => (TextColor.Warning, ContainerStyle.Warning),
        Verdict.True => (TextColor.Good, ContainerStyle.Good),
        Verdict.Unproven => (TextColor.Accent, ContainerStyle.Accent),
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };
}
