using System.Text;

namespace Microneedling.FactCheck.Tests.Engine;

/// <summary><see cref="FactChecker.Check"/> never throws and every answer has the same shape, whatever comes in.</summary>
[Collection(EngineCollection.Name)]
public sealed class CheckRobustnessTests(EngineFixture fixture)
{
    private readonly FactChecker _engine = fixture.Engine;

    // A forum post of sentences written for these tests: skin care chatter with no question of its own.
    private static readonly string[] Chatter =
    [
        "I'm 34 and have been into skincare for years, mostly because my mum always told me to look after my face.",
        "My routine is a vitamin C serum in the morning, a gentle retinol at night and a plain moisturiser.",
        "I wear sunscreen every day, even in winter, and I try to drink enough water.",
        "Last year I bought a 0.25 mm roller from a well known brand after reading a lot of reviews.",
        "I have been using it on my cheeks and forehead for texture and a few small scars from my teens.",
        "Before each session I wash my face, dry it and wipe the roller with alcohol.",
        "Afterwards I put on a simple hyaluronic serum and skip actives for the evening.",
        "My skin has been doing pretty well and I think the roller has helped a little with the scars.",
        "My partner thinks it looks painful but honestly it only tingles a bit at that length.",
        "I replace the head every few months and keep it in its case in a drawer.",
        "I have oily skin in the T zone and drier cheeks, so I use a lighter cream on my nose.",
        "I had a bad experience with a strong exfoliating acid two years ago that left my skin raw for a week.",
        "Since then I have been careful to go slowly with anything new.",
        "I also started taking collagen powder in my coffee but I doubt it does much.",
        "Work has been stressful lately and I notice my skin gets duller when I sleep badly.",
        "Some people online say every day, others say once a week, and I really don't know who to believe.",
        "A friend of mine rolls every night and her skin looks fine, but she uses an even shorter one.",
        "I don't want to damage my skin barrier after what happened with the acid.",
        "I keep a little diary of what I use so I can spot what my skin does not like.",
        "In summer I cut down on retinol because I spend a lot of time outdoors.",
        "I have thought about a clinic treatment but the prices near me are very high.",
        "My sister had a peel at a salon once and was red for days, which put me off.",
        "For now I am happy doing things at home as long as I do them properly.",
        "I read the instructions that came with the roller but they were vague.",
        "The box only said to use it regularly and to clean it well.",
        "I also noticed the needles feel a bit less sharp than when I bought it.",
        "Thanks in advance for any advice, this forum has been really useful to me over the years.",
        "Sorry for the long post, I tend to ramble when I write about skincare.",
        "I will try to reply to everyone who answers once I am back from work.",
        "Have a lovely day everyone.",
    ];

    /// <summary>A post of 4,000 characters or more with <paramref name="sentence"/> as its sentence number <paramref name="at"/> (from 0).</summary>
    private static string Post(string sentence, int at)
    {
        var sentences = Chatter.ToList();
        sentences.Insert(at, sentence);
        while (string.Join(" ", sentences).Length < 4000) sentences.Add(Chatter[sentences.Count % 15]);
        return string.Join(" ", sentences);
    }

    private const string Question = "Anyway, how often can I use my derma roller?";
    private const string Emergency = "Right now my throat is closing up and I can barely breathe.";

    private static string RandomUnicode(int seed, int length)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(length);
        while (sb.Length < length)
        {
            switch (random.Next(4))
            {
                case 0: sb.Append((char)random.Next(0, 0x80)); break; // ASCII, control characters included
                case 1: sb.Append((char)random.Next(0x80, 0x10000)); break; // anywhere in the BMP, lone surrogates included
                case 2: sb.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000))); break; // astral pairs
                default: sb.Append(' '); break;
            }
        }
        return sb.ToString(0, length);
    }

    public static TheoryData<string, string?> Messages() => new()
    {
        { "null", null },
        { "empty", "" },
        { "whitespace", " \t\n " },
        { "10,000 random Unicode characters (seed 1)", RandomUnicode(1, 10_000) },
        { "10,000 random Unicode characters (seed 2)", RandomUnicode(2, 10_000) },
        { "a 4,000-character post with a question in the middle", Post(Question, at: 16) },
        { "a 4,000-character post describing an emergency in the middle", Post(Emergency, at: 16) },
        { "fifteen sentences", string.Join(" ", Enumerable.Range(1, 15).Select(i => i % 3 == 0 ? $"Question {i}: is a {i / 10.0:0.0} mm roller ok?" : $"Sentence {i} is about my skin routine."))},
        { "only punctuation", "?!.,;:...!!!???---()[]{}''\"\"" },
        { "only ellipses and line breaks", "\u2026\n\u2026\r\n...\n" },
        { "one very long word", new string('m', 9000) },
        { "an emergency buried in noise", RandomUnicode(3, 3000) + " my throat is closing up " + RandomUnicode(4, 3000) },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Check_never_throws_and_answers_in_the_same_shape(string what, string? message)
    {
        FactCheckResult? result = null;
        var thrown = Record.Exception(() => result = _engine.Check(message));
        Assert.True(thrown is null, $"{what}: {thrown}");
        ResultShape.AssertWellFormed(result!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?!.,;:...!!!???")]
    public void Nothing_to_read_gets_no_claim_and_no_red_flag(string? message)
    {
        var result = _engine.Check(message);
        Assert.True(result.Abstained);
        Assert.Equal(MatchConfidence.None, result.Confidence);
        Assert.Equal(ReferralLevel.None, result.Triage.Level);
        Assert.Equal(ReferralLevel.None, result.Referral);
    }

    // Repetition is not content: before the length feature counted different words, "pizza" typed a
    // thousand times read as a long forum post and was answered as rolling-technique with 0.94 certainty.
    [Theory]
    [InlineData("pizza ", 1000)]
    [InlineData("pizza ", 60)]
    [InlineData("what is the best pizza topping ", 100)]
    [InlineData("hello ", 500)]
    public void An_off_topic_text_repeated_at_length_is_declined(string text, int times)
    {
        var result = _engine.Check(string.Concat(Enumerable.Repeat(text, times)));
        Assert.Equal(MatchConfidence.None, result.Confidence);
        Assert.Empty(result.Matches);
        Assert.Equal(ReferralLevel.None, result.Referral);
    }

    [Fact]
    public void A_question_repeated_at_length_is_still_answered()
    {
        var result = _engine.Check(string.Concat(Enumerable.Repeat("how often can i use a derma roller at home? ", 20)));
        Assert.Equal(MatchConfidence.High, result.Confidence);
        Assert.Equal("home-frequency", result.Matches[0].Claim.Id);
    }

    // The one question of a 4,000-character post among skincare chatter (peels, acids, collagen powder)
    // is found: it is the first candidate wherever it sits. Whether it is answered at once, offered or
    // declined depends on how much the chatter reads as out of scope (README, "Known weak spots"), but a
    // post like this never gets another claim as its answer.
    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    public void The_question_of_a_4000_character_post_is_its_first_candidate_and_never_answered_wrongly(int at)
    {
        var post = Post(Question, at);
        Assert.InRange(post.Length, 4000, 4200);
        var result = _engine.Check(post);
        Assert.Equal("home-frequency", result.Candidates[0].Claim.Id);
        Assert.All(result.Matches.Take(1), m => Assert.Equal("home-frequency", m.Claim.Id));
    }

    [Fact]
    public void An_emergency_early_in_a_4000_character_post_is_an_emergency()
    {
        var result = _engine.Check(Post(Emergency, at: 3));
        Assert.Equal(ReferralLevel.Emergency, result.Triage.Level);
        Assert.Equal(ReferralLevel.Emergency, result.Referral);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(25)]
    public void An_emergency_later_in_a_4000_character_post_is_still_an_emergency(int at)
    {
        var result = _engine.Check(Post(Emergency, at));
        Assert.Equal(ReferralLevel.Emergency, result.Triage.Level);
        Assert.Equal(ReferralLevel.Emergency, result.Referral);
    }

    [Fact]
    public void A_message_of_many_sentences_answers_at_most_the_claim_limit()
    {
        string[] questions =
        [
        "Is a 2 mm roller ok at home?", "How often can I roll?", "Can I share my roller with my sister?",
        "Does it help acne scars?", "Is it safe when pregnant?", "Can I use it on accutane?",
        "How do I clean the roller?", "Does it hurt a lot?", "Do I need numbing cream?",
        "Is it good for stretch marks?", "Will it help hair loss?", "How long does the redness last?",
        "Can I put retinol on after?", "Is it ok for dark skin?",
        ];
        var result = _engine.Check(string.Join(" ", questions));
        ResultShape.AssertWellFormed(result);
        Assert.NotEmpty(result.Matches);
    }

    [Fact]
    public void The_same_garbage_gives_the_same_answer_twice()
    {
        var message = RandomUnicode(5, 10_000);
        var a = _engine.Check(message);
        var b = _engine.Check(message);
        Assert.Equal(a.Matches.Select(m => (m.Claim.Id, m.Score)), b.Matches.Select(m => (m.Claim.Id, m.Score)));
        Assert.Equal(a.Triage.Level, b.Triage.Level);
    }

    [Fact]
    public void Messages_checked_from_several_threads_at_once_never_throw()
    {
        var messages = Messages().Select(row => (string?)row[1]).ToList();
        var results = new FactCheckResult[messages.Count];
        Parallel.For(0, messages.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => results[i] = _engine.Check(messages[i]));
        Assert.All(results, r => ResultShape.AssertWellFormed(r));
    }
}
