using System.Globalization;
using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Rendering;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Tests.Rendering;

[Collection(RenderingCollection.Name)]
public sealed class AnswerCardTests(ClaimsFixture content)
{
    private readonly ReplyRenderer _renderer = new(content.Claims);

    private CardJson AnswerOn(Activity incoming, Claim claim) =>
        CardJson.Of(_renderer.Answer(incoming, ClaimsFixture.MatchOf(claim), content.RelatedOf(claim)));

    [Fact]
    public void Answer_card_is_an_adaptive_card_of_version_1_5_at_most()
    {
        var card = AnswerOn(Incoming.WebChat, content.Claims.All[0]).Card;

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        var version = Version.Parse((string)card["version"]!);
        Assert.True(version <= new Version(1, 5), $"version {version}");
    }

    [Theory]
    [InlineData(Verdict.False, "False", "attention")]
    [InlineData(Verdict.Misleading, "Misleading", "warning")]
    [InlineData(Verdict.PartlyTrue, "Partly true", "warning")]
    [InlineData(Verdict.True, "True", "good")]
    [InlineData(Verdict.Unproven, "Unproven", "accent")]
    public void Verdict_badge_comes_first_with_its_label_and_colour(Verdict verdict, string label, string colour)
    {
        var claim = content.Claims.All.First(c => c.Verdict == verdict);

        var badge = AnswerOn(Incoming.WebChat, claim).Card["body"]![0]!;

        Assert.Equal("Container", (string?)badge["type"]);
        Assert.Equal(colour, (string?)badge["style"]);
        Assert.Equal(label, (string?)badge["items"]![0]!["text"]);
        Assert.Equal(colour, (string?)badge["items"]![0]!["color"]);
    }

    [Fact]
    public void Card_shows_the_claim_answer_referral_and_last_reviewed_date()
    {
        var claim = content.Claim("home-needle-length");

        var texts = AnswerOn(Incoming.WebChat, claim).Texts().ToList();

        Assert.Contains(MarkdownText.Clean(claim.Statement), texts);
        Assert.Contains(MarkdownText.Clean(claim.Answer), texts);
        Assert.Contains(MarkdownText.Clean(claim.Referral.Wording), texts);
        Assert.Contains("Last reviewed " + claim.LastReviewed.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), texts);
    }

    [Fact]
    public void Sources_are_https_links_with_title_publisher_and_year()
    {
        var claim = content.Claim("home-needle-length");

        var card = AnswerOn(Incoming.WebChat, claim);

        foreach (var source in claim.Sources)
        {
            var line = Assert.Single(card.Texts(), t => t.Contains(source.Url.AbsoluteUri, StringComparison.Ordinal));
            var (text, url) = Assert.Single(CardJson.Links(line));
            Assert.Equal(source.Title, text);
            Assert.Equal(source.Url.AbsoluteUri, url);
            Assert.EndsWith($", {source.Publisher}, {source.Year}", line, StringComparison.Ordinal);
        }
        Assert.All(card.Urls(), url => Assert.StartsWith("https://", url, StringComparison.Ordinal));
    }

    [Fact]
    public void Why_guidance_is_hidden_until_its_button_shows_it()
    {
        var claim = content.Claim("pregnancy");

        var card = AnswerOn(Incoming.WebChat, claim);

        // Action.ShowCard: the guidance is in the card it shows, not in the card's visible body.
        var why = Assert.Single(card.Actions("Action.ShowCard"));
        Assert.StartsWith("Why?", (string?)why["title"], StringComparison.Ordinal);
        Assert.Equal(MarkdownText.Clean(claim.Guidance), (string?)why["card"]!["body"]![0]!["text"]);
        Assert.Empty(card.Actions("Action.ToggleVisibility"));
    }

    [Fact]
    public void Helpful_and_not_helpful_buttons_send_feedback_for_the_claim()
    {
        var claim = content.Claim("pregnancy");

        var buttons = AnswerOn(Incoming.WebChat, claim).Buttons().ToList();

        Assert.Contains(("Helpful", new CardActionValue { Action = "feedback", ClaimId = "pregnancy", Vote = "helpful" }), buttons);
        Assert.Contains(("Not helpful", new CardActionValue { Action = "feedback", ClaimId = "pregnancy", Vote = "not-helpful" }), buttons);
    }

    [Fact]
    public void Related_questions_are_ask_buttons_for_two_or_three_related_claims()
    {
        var claim = content.Claim("home-needle-length");

        var asks = AnswerOn(Incoming.WebChat, claim).Buttons().Where(b => b.Value.Action == CardActionValue.Ask).ToList();

        Assert.InRange(asks.Count, 2, 3);
        var expected = content.RelatedOf(claim).Take(3).Select(QuestionText.For).ToList();
        Assert.Equal(expected, asks.Select(a => a.Value.Question));
        Assert.All(asks, a => Assert.Equal(a.Title, a.Value.Question));
        Assert.All(asks, a => Assert.Null(a.Value.ClaimId));
    }

    [Fact]
    public void Related_questions_are_looked_up_from_the_claim_when_the_dialogs_pass_none()
    {
        var claim = content.Claim("home-needle-length");

        var reply = _renderer.Answer(Incoming.WebChat, ClaimsFixture.MatchOf(claim), []);

        var asks = CardJson.Of(reply).Buttons().Where(b => b.Value.Action == CardActionValue.Ask).Select(b => b.Value.Question);
        Assert.Equal(content.RelatedOf(claim).Take(3).Select(QuestionText.For), asks);
    }

    [Fact]
    public void A_number_in_the_question_gets_the_claims_quantity_note()
    {
        var result = content.Checker.Check("is a 2 mm derma roller ok for home use");
        var match = Assert.Single(result.Matches, m => m.Claim.Id == "home-needle-length");
        var note = Assert.Single(match.QuantityNotes);

        var reply = _renderer.Answer(Incoming.WebChat, match, []);

        Assert.Contains(MarkdownText.Clean(note.Text), CardJson.Of(reply).Texts());
        Assert.Contains("2 millimetres", reply.Speak, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_carries_the_ClaimReview_entity()
    {
        var claim = content.Claim("pregnancy");

        var reply = _renderer.Answer(Incoming.Slack, ClaimsFixture.MatchOf(claim), []);

        Assert.Single(reply.Entities!);
        var entity = Assert.Single(CardJson.Wire(reply)["entities"]!.AsArray())!;
        Assert.Equal("https://schema.org/ClaimReview", (string?)entity["type"]);
        Assert.Equal("https://schema.org", (string?)entity["@context"]);
        Assert.Equal("ClaimReview", (string?)entity["@type"]);
        Assert.Equal("pregnancy", (string?)entity["identifier"]);
        Assert.Equal(claim.Statement, (string?)entity["claimReviewed"]);
        Assert.Equal("Rating", (string?)entity["reviewRating"]!["@type"]);
        Assert.Equal("unproven", (string?)entity["reviewRating"]!["alternateName"]);
        Assert.Equal(claim.Sources[0].Url.ToString(), (string?)entity["url"]);
        Assert.Equal(claim.LastReviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)entity["dateModified"]);
    }

    [Fact]
    public void Web_Chat_card_reply_has_no_text_bubble_but_a_full_fallback_and_speech()
    {
        var claim = content.Claim("home-needle-length");

        var reply = _renderer.Answer(Incoming.WebChat, ClaimsFixture.MatchOf(claim), []);
        var card = CardJson.Of(reply).Card;

        Assert.Null(reply.Text); // Web Chat would show it as a second bubble repeating the card
        Assert.Contains(MarkdownText.Clean(claim.Answer), (string)card["fallbackText"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("**", (string)card["fallbackText"]!, StringComparison.Ordinal);
        Assert.Contains(claim.Sources[0].Url.AbsoluteUri, (string)card["fallbackText"]!, StringComparison.Ordinal);
        Assert.StartsWith("False. The claim: ", reply.Speak, StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_card_reply_keeps_a_short_plain_text_for_notifications()
    {
        var claim = content.Claim("home-needle-length");

        var reply = _renderer.Answer(Incoming.TeamsPersonal, ClaimsFixture.MatchOf(claim), []);

        Assert.Equal("plain", reply.TextFormat);
        Assert.Equal($"False: {claim.Statement}", reply.Text);
    }

    [Fact]
    public void Feedback_has_an_optional_comment_box_whose_value_the_buttons_send_as_the_comment()
    {
        var claim = content.Claim("home-needle-length");

        var card = CardJson.Of(_renderer.Answer(Incoming.WebChat, ClaimsFixture.MatchOf(claim), []));

        var input = Assert.Single(card.Actions("Input.Text"));
        // Action.Submit / Action.Execute merge inputs into the data under the input's id, so the id
        // must be the JSON name the dialogs read the comment from.
        var commentName = typeof(CardActionValue).GetProperty(nameof(CardActionValue.Comment))!
            .GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false)
            .Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().Single().Name;
        Assert.Equal(commentName, (string?)input["id"]);
        Assert.True((int?)input["maxLength"] is > 0);
        Assert.Contains(card.Buttons(), b => b.Value.Action == CardActionValue.Feedback);
    }
}
