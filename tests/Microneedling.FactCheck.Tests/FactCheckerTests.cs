using Microneedling.FactCheck;

namespace Microneedling.FactCheck.Tests;

/// <summary>
/// The engine over the shipped claim set, with wordings written for these tests (never copied from
/// the evaluation sets): vocabulary, typos, numbers, several claims, out of scope and garbage.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class FactCheckerTests(EngineFixture fixture)
{
    private readonly FactChecker _engine = fixture.Engine;

    private string? Top(string q) => _engine.Check(q).Matches.FirstOrDefault()?.Claim.Id;

    [Fact]
    public void Shipped_set_has_every_inventory_id()
    {
        string[] inventory =
        [
            "depth-only-top-layer", "painless-tingling", "numbing-cream", "all-skin-types", "cream-before-rolling",
            "home-frequency", "session-interval", "collagen-timeline", "thicker-tighter-skin", "acne-scars",
            "fine-lines-wrinkles", "stretch-marks", "hair-loss", "serum-penetration", "bleeding-mechanism",
            "rolling-technique", "derma-prime-plus", "home-needle-length", "home-vs-clinic", "roller-hygiene",
            "sharing-rollers", "active-acne", "inflammatory-skin", "keloid-history", "isotretinoin", "blood-thinners",
            "pregnancy", "darker-skin-pih", "melasma", "cold-sores", "aftercare", "bleeding-normal", "redness-downtime",
            "vampire-facial-prp", "rf-microneedling", "device-regulation", "results-timeline", "pens-vs-rollers",
            "what-is-microneedling", "defective-healing", "is-it-safe", "eye-area-and-age",
        ];
        foreach (var id in inventory) Assert.NotNull(_engine.Claims.Find(id));
        Assert.All(_engine.Claims.All, c => Assert.True(c.Phrasings.Count >= 8, c.Id));
    }

    [Theory]
    [InlineData("is a dermapen ok if I take warfarin", "blood-thinners")]
    [InlineData("roaccutane and skin needling, good idea?", "isotretinoin")]
    [InlineData("will CIT get rid of my pitted scars", "acne-scars")]
    [InlineData("does needling the scalp regrow hair with minoxidil", "hair-loss")]
    [InlineData("I have psoriasis, is a derma roller a bad idea", "inflammatory-skin")]
    [InlineData("morpheus8 risks", "rf-microneedling")]
    [InlineData("PRP facial with my own blood, safe?", "vampire-facial-prp")]
    [InlineData("is the skinpen fda approved", "device-regulation")]
    [InlineData("how do i disinfect a dermaroller", "roller-hygiene")]
    [InlineData("should I put retinol on straight after needling", "aftercare")]
    public void Domain_vocabulary_and_brand_names_find_the_claim(string question, string expected) =>
        Assert.Equal(expected, Top(question));

    // A fragment without a verb: the vocabulary finds the claim (first candidate), but since the decision
    // model of 2026-12-02 (logistic + boosted trees) it is declined rather than answered (certainty 0.87,
    // answer from 0.91); the bot then refers, which is the product's "when unsure, say so".
    [Fact]
    public void Collagen_induction_therapy_is_read_as_microneedling() =>
        Assert.Equal("pregnancy", _engine.Check("collagen induction therapy while breastfeeding").Candidates.FirstOrDefault()?.Claim.Id);

    [Theory]
    [InlineData("is dermarolling safe while pregnent", "pregnancy")]
    [InlineData("acutane and microneedling", "isotretinoin")]
    [InlineData("do streach marks fade with microneedling", "stretch-marks")]
    [InlineData("keloyds and derma rollers", "keloid-history")]
    [InlineData("numbing creem before microneedling safe?", "numbing-cream")]
    [InlineData("is a dermarolller ok three times a week", "home-frequency")]
    public void Misspellings_still_match(string question, string expected) =>
        Assert.Equal(expected, Top(question));

    [Theory]
    [InlineData("what is microneedling", "what-is-microneedling")]
    [InlineData("whats micro needling", "what-is-microneedling")]
    [InlineData("what is CIT", "what-is-microneedling")]
    [InlineData("how does skin needling actually work", "what-is-microneedling")]
    [InlineData("will microneedling improve circulation", "defective-healing")]
    [InlineData("does derma rolling help areas of poor healing", "defective-healing")]
    [InlineData("is microneedling safe", "is-it-safe")]
    [InlineData("side effects of skin needling", "is-it-safe")]
    [InlineData("can i use a roller under my eyes", "eye-area-and-age")]
    [InlineData("dermapen on eyelids ok?", "eye-area-and-age")]
    [InlineData("can i microneedle a mole", "eye-area-and-age")]
    [InlineData("how old do you have to be for microneedling", "eye-area-and-age")]
    [InlineData("is microneedling safe during breastfeeding", "pregnancy")]
    public void The_claims_added_for_the_articles_uncovered_sentences_answer_everyday_questions(string question, string expected)
    {
        var result = _engine.Check(question);
        Assert.Equal(expected, result.Matches.FirstOrDefault()?.Claim.Id);
    }

    [Fact]
    public void What_is_microneedling_is_answered_with_confidence_not_by_the_skin_types_claim()
    {
        var result = _engine.Check("what is microneedling");
        Assert.Equal("what-is-microneedling", Assert.Single(result.Matches).Claim.Id);
        Assert.Equal(MatchConfidence.High, result.Confidence);
    }

    [Fact]
    public void A_plan_to_share_a_roller_is_advised_against_and_a_roller_already_shared_refers_urgently()
    {
        var plan = _engine.Check("can I share my derma roller with my sister");
        Assert.Equal("sharing-rollers", plan.Matches.First().Claim.Id);
        Assert.Equal(ReferralLevel.Dermatologist, plan.Referral);

        var done = _engine.Check("my roommate used my derma roller on her face last night and I used it again this morning");
        Assert.Equal(ReferralLevel.Urgent, done.Referral);
    }

    [Fact]
    public void Redness_past_a_week_gets_the_dermatologist_sentence_and_a_time_since_treatment_elsewhere_gets_none()
    {
        var red = _engine.Check("my face is still red 10 days after microneedling").Matches.First();
        Assert.Equal("redness-downtime", red.Claim.Id);
        var note = Assert.Single(red.QuantityNotes);
        Assert.True(note.OutOfRange);
        Assert.Contains("dermatologist", note.Text);
        // "6 months" here is a wait, not how long redness lasted: no redness claim, no redness sentence.
        var wait = _engine.Check("do I really have to wait 6 months after accutane before microneedling");
        Assert.Equal("isotretinoin", wait.Matches.First().Claim.Id);
        Assert.DoesNotContain(wait.Matches, m => m.Claim.Id == "redness-downtime");
    }

    [Theory]
    [InlineData("can I roll once a month", "Once a month")]
    [InlineData("is 3 times a month ok with my roller", "3 times a month")]
    [InlineData("is a 0.25 mm roller ok daily", "Every day")]
    public void Frequency_sentences_say_the_number_the_way_people_do(string question, string start)
    {
        var match = _engine.Check(question).Matches.First(m => m.Claim.Id == "home-frequency");
        Assert.StartsWith(start, Assert.Single(match.QuantityNotes).Text);
    }

    [Fact]
    public void Needle_length_steers_to_home_length_and_says_it_is_out_of_range()
    {
        var result = _engine.Check("is 2mm fine to use on my face at home");
        var match = result.Matches.First();
        Assert.Equal("home-needle-length", match.Claim.Id);
        var note = Assert.Single(match.QuantityNotes);
        Assert.True(note.OutOfRange);
        Assert.Contains("2", note.Text);
    }

    [Fact]
    public void Short_needle_is_described_as_within_the_home_range()
    {
        var match = _engine.Check("is a 0.2 mm roller ok for home use").Matches.First();
        Assert.Equal("home-needle-length", match.Claim.Id);
        Assert.False(Assert.Single(match.QuantityNotes).OutOfRange);
    }

    [Fact]
    public void Frequency_steers_to_home_frequency_and_flags_daily_rolling()
    {
        var match = _engine.Check("can I use my roller every day").Matches.First();
        Assert.Equal("home-frequency", match.Claim.Id);
        Assert.True(Assert.Single(match.QuantityNotes).OutOfRange);
    }

    [Theory]
    [InlineData("on warfarin and I get keloids, can I dermaroll", "blood-thinners", "keloid-history")]
    [InlineData("is a 2 mm roller safe at home, and how long should I wait between sessions?", "home-needle-length", "session-interval")]
    [InlineData("How do I clean my derma roller properly? And can my boyfriend use it after me?", "roller-hygiene", "sharing-rollers")]
    public void Several_claims_in_one_message_are_each_returned(string question, string first, string second)
    {
        var ids = _engine.Check(question).Matches.Select(m => m.Claim.Id).ToList();
        Assert.Contains(first, ids);
        Assert.Contains(second, ids);
    }

    [Theory]
    [InlineData("I get cold sores, is a microneedling facial safe for me?", "cold-sores")]
    [InlineData("I have hemophilia, can I have microneedling", "blood-thinners")]
    [InlineData("I have a history of keloids, can I microneedle?", "keloid-history")]
    public void A_single_topic_question_gets_a_single_answer(string question, string expected) =>
        Assert.Equal([expected], _engine.Check(question).Matches.Select(m => m.Claim.Id));

    [Fact]
    public void Number_words_and_ordinary_words_are_not_respelt()
    {
        var corrections = _engine.Check("is it looking ok to roll three times a week").Corrections;
        Assert.DoesNotContain(corrections, c => c.StartsWith("three", StringComparison.Ordinal));
        Assert.DoesNotContain(corrections, c => c.StartsWith("looking", StringComparison.Ordinal));
    }

    [Fact]
    public void Pronouns_are_not_respelt_into_other_words()
    {
        var corrections = _engine.Check("they say it works on all skin types").Corrections;
        Assert.DoesNotContain(corrections, c => c.StartsWith("they", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelling_that_a_curator_wrote_into_one_claims_phrasings_is_still_corrected()
    {
        // Every misspelt word some phrasing carries on purpose ("derma roler") must be corrected in
        // messages, not treated as a known word that points at that one claim.
        var misspelt = _engine.Claims.All
            .SelectMany(c => c.Phrasings)
            .SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w is "roler" or "microneedeling")
            .Distinct()
            .ToList();
        Assert.NotEmpty(misspelt);
        foreach (var word in misspelt)
            Assert.Contains(_engine.Check($"is my {word} ok").Corrections, c => c.StartsWith(word + " -> ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("is botox safe")]
    [InlineData("best pizza in town")]
    [InlineData("asdfghjkl qwerty")]
    [InlineData("😀😀😀")]
    [InlineData("¿Dónde está la biblioteca?")]
    [InlineData("will a chemical peel fade my freckles")]
    [InlineData("thanks!")]
    [InlineData("what time is it")]
    [InlineData("is it safe")]
    [InlineData("sunscreen")]
    [InlineData("can you recommend a laptop")]
    [InlineData("how do I stop getting spots")]
    [InlineData("is eczema genetic")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData("   ")]
    public void Out_of_scope_and_noise_get_no_claim(string question)
    {
        var result = _engine.Check(question);
        Assert.True(result.Abstained, $"'{question}' matched {result.Matches.FirstOrDefault()?.Claim.Id}");
        Assert.Equal(MatchConfidence.None, result.Confidence);
    }

    [Theory]
    [InlineData("cant breath after microneedling")]
    [InlineData("my throaat is closing")]
    public void Misspelt_emergencies_are_still_emergencies(string question) =>
        Assert.Equal(ReferralLevel.Emergency, _engine.Check(question).Referral);

    [Theory]
    [InlineData("i hav a feverr after dermarolling")]
    [InlineData("theres puss coming out of my cheek")]
    [InlineData("I think I poked my eye with the derma roller and now it hurts")]
    [InlineData("my face is really painful like 9/10 the day after")]
    [InlineData("bought a used dermapen online and used it as is")]
    public void Misspelt_urgent_signs_are_still_urgent(string question) =>
        Assert.True(_engine.Check(question).Referral >= ReferralLevel.Urgent);

    [Theory]
    [InlineData("how many passes each way", "rolling-technique")]
    [InlineData("is 0.5 mm ok for home use", "home-needle-length")]
    public void A_question_that_points_at_the_treatment_without_naming_it_is_answered(string question, string expected) =>
        Assert.Equal(expected, _engine.Check(question).Matches.FirstOrDefault()?.Claim.Id);

    [Fact]
    public void Two_topics_that_each_score_low_on_the_whole_message_are_answered_clause_by_clause()
    {
        var result = _engine.Check("I have keloid scars and I'm also breaking out at the moment, is microneedling ok");

        // Whether the second is answered too is the fitted further-claim model's call; it must at least be offered.
        Assert.Contains("keloid-history", result.Matches.Select(m => m.Claim.Id));
        Assert.Contains("active-acne", result.Candidates.Take(3).Select(m => m.Claim.Id));
    }

    [Fact]
    public void Red_flag_and_claim_in_one_message_give_both()
    {
        var result = _engine.Check("my face has pus coming out. also, is 1mm ok at home?");
        Assert.Equal(ReferralLevel.Urgent, result.Triage.Level);
        Assert.Equal(ReferralLevel.Urgent, result.Referral);
        Assert.Contains(result.Matches, m => m.Claim.Id == "home-needle-length");
    }

    [Fact]
    public void Contraindication_claims_refer_to_a_dermatologist()
    {
        var result = _engine.Check("microneedling on isotretinoin");
        Assert.Equal(ReferralLevel.Dermatologist, result.Referral);
    }

    [Fact]
    public void Scores_are_in_range_and_ranked()
    {
        foreach (var q in new[] { "does it hurt", "2mm roller daily", "accutane pregnant dermaroll", "hair loss roller" })
        {
            var result = _engine.Check(q);
            Assert.All(result.Matches.Concat(result.Candidates), m => Assert.InRange(m.Score, 0, 1));
            var scores = result.Candidates.Select(m => m.Score).ToList();
            Assert.Equal(scores.OrderDescending(), scores);
        }
    }

    [Fact]
    public void Same_question_gives_the_same_answer()
    {
        var a = _engine.Check("is a 1.5 mm dermaroller ok 3 times a week");
        var b = _engine.Check("is a 1.5 mm dermaroller ok 3 times a week");
        Assert.Equal(a.Matches.Select(m => (m.Claim.Id, m.Score)), b.Matches.Select(m => (m.Claim.Id, m.Score)));
    }

    [Fact]
    public void Garbage_input_never_throws()
    {
        string[] inputs =
        [
            new string('a', 100_000),
            string.Concat(Enumerable.Repeat("microneedling 3mm pus ", 5000)),
            "\u0000\u0001\u0007\u001b[31m red \u007f",
            "\ud800 lone surrogate \udfff",
            "🙂🙃🤔💉💉💉",
            "نحن نحب الإبر الدقيقة",
            "微针安全吗",
            "\t\r\n",
            "mm mm mm 0 0 0 -1 mm 1e308 mm NaN times a week",
            "............................................................",
        ];
        foreach (var input in inputs)
        {
            var result = _engine.Check(input);
            Assert.NotNull(result);
        }
        Assert.NotNull(_engine.Check(null));
    }
}
