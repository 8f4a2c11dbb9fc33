using System.Numerics.Tensors;
using Microneedling.FactCheck.Semantic;

namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>The shipped sentence model through <see cref="SentenceEncoder.ForFile"/> (one instance per process).</summary>
public sealed class SentenceEncoderTests
{
    private static readonly SentenceEncoder Encoder = SentenceEncoder.ForFile();

    private static float[] Vector(string text) => Encoder.Encode([text])[0];

    private static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));

    public static TheoryData<string, string> AwkwardTexts() => new()
    {
        { "empty", "" },
        { "whitespace", " \t\r\n  " },
        { "control characters", "\u0000\u0001\u0007\u001b[0m\u007f\u0085" },
        { "a lone high surrogate", "roller \ud800 roller" },
        { "a lone low surrogate", "\udfff" },
        { "surrogates the wrong way round", "\udc00\ud800" },
        { "emoji only", "🙂💉🧴🪡" },
        { "format characters", "\u200b\u200d\ufeff\u2060" },
        { "private use", "\ue000\uf8ff" },
        { "100,000 characters", string.Concat(Enumerable.Repeat("needle roller ", 100_000 / 14 + 1))[..100_000] },
        { "100,000 characters without a space", new string('x', 100_000) },
    };

    [Theory]
    [MemberData(nameof(AwkwardTexts))]
    public void Every_text_gets_a_finite_unit_vector(string what, string text)
    {
        var v = Vector(text);
        Assert.Equal(SentenceEncoder.Dimensions, v.Length);
        Assert.True(v.All(float.IsFinite), $"{what}: a component is not finite");
        Assert.True(Math.Abs(Norm(v) - 1) < 1e-4, $"{what}: norm {Norm(v)}");
    }

    [Fact]
    public void Awkward_texts_in_one_batch_each_get_a_finite_unit_vector()
    {
        var texts = AwkwardTexts().Select(row => (string)row[1]).ToList();
        var vectors = Encoder.Encode(texts);
        Assert.Equal(texts.Count, vectors.Length);
        Assert.All(vectors, v => Assert.True(v.All(float.IsFinite) && Math.Abs(Norm(v) - 1) < 1e-4, $"norm {Norm(v)}"));
    }

    [Fact]
    public void The_same_text_gives_the_same_vector()
    {
        const string text = "is it fine to roll my cheeks twice a week with a 0.25 mm roller";
        Assert.Equal(Vector(text), Vector(text));
    }

    [Fact]
    public void A_text_gets_the_same_vector_alone_as_in_a_batch_with_others()
    {
        const string text = "does the serum go deeper after needling";
        var alone = Vector(text);
        var batch = Encoder.Encode(["can I roll under my eyes at all", text, "what length of needle suits the scalp"]);
        Assert.True(TensorPrimitives.Dot(alone, batch[1]) > 0.999f, $"cosine {TensorPrimitives.Dot(alone, batch[1])}");
    }

    [Fact]
    public void Case_and_accents_do_not_change_the_vector()
    {
        var plain = Vector("is microneedling safe for rosacea");
        var styled = Vector("Is MICRONEEDLING safé for Rosácea");
        Assert.True(TensorPrimitives.Dot(plain, styled) > 0.9999f, $"cosine {TensorPrimitives.Dot(plain, styled)}");
    }

    [Fact]
    public void A_paraphrase_pair_is_closer_than_an_unrelated_pair()
    {
        var a = Vector("how often can I use a derma roller");
        var b = Vector("how many times a week should I roll");
        var unrelated = Vector("best pancake recipe");
        var paraphrase = TensorPrimitives.Dot(a, b);
        Assert.True(paraphrase > TensorPrimitives.Dot(a, unrelated), $"paraphrase {paraphrase}, unrelated {TensorPrimitives.Dot(a, unrelated)}");
        Assert.True(paraphrase > TensorPrimitives.Dot(b, unrelated), $"paraphrase {paraphrase}, unrelated {TensorPrimitives.Dot(b, unrelated)}");
    }

    [Fact]
    public void Encode_gives_one_vector_per_text_in_order()
    {
        // Lengths differ so the encoder runs them in another order; each must come back in its place.
        string[] texts = ["a very long question about how deep the needles of a dermapen go into the skin of the forehead", "aftercare cream", "can I share a roller with my mum"];
        var batch = Encoder.Encode(texts);
        Assert.Equal(texts.Length, batch.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = Vector(texts[i]);
            var closest = Enumerable.Range(0, texts.Length).MaxBy(j => TensorPrimitives.Dot(alone, batch[j]));
            Assert.True(closest == i, $"'{texts[i]}' came back at {closest}");
        }
    }

    [Fact]
    public void Encode_of_no_texts_is_empty() => Assert.Empty(Encoder.Encode([]));

    [Fact]
    public void The_whole_vector_of_a_one_sentence_message_equals_that_sentences_vector()
    {
        const string sentence = "how soon after rolling can I put on makeup?";
        var message = Encoder.EncodeMessage([sentence]);
        var alone = Vector(sentence);
        Assert.Equal(alone.Length, message.Whole.Length);
        for (var d = 0; d < alone.Length; d++) Assert.Equal(alone[d], message.Whole[d], 6);
        Assert.Equal(alone, Assert.Single(message.Sentences));
        Assert.Equal(Encoder.CountTokens(sentence), message.Tokens);
    }

    [Fact]
    public void A_messages_whole_vector_is_a_unit_vector_pooled_over_all_its_tokens()
    {
        string[] sentences = ["my skin is dry.", "how long should I wait between sessions with a dermapen on my forehead?"];
        var message = Encoder.EncodeMessage(sentences);
        Assert.Equal(2, message.Sentences.Length);
        Assert.True(Math.Abs(Norm(message.Whole) - 1) < 1e-4, $"norm {Norm(message.Whole)}");
        Assert.Equal(sentences.Sum(Encoder.CountTokens), message.Tokens);
        // Token-weighted, not the mean of the two sentence vectors: the long sentence weighs more.
        var toLong = TensorPrimitives.Dot(message.Whole, message.Sentences[1]);
        var toShort = TensorPrimitives.Dot(message.Whole, message.Sentences[0]);
        Assert.True(toLong > toShort, $"long {toLong}, short {toShort}");
    }

    [Fact]
    public void A_message_of_no_sentences_has_no_tokens()
    {
        var message = Encoder.EncodeMessage([]);
        Assert.Empty(message.Sentences);
        Assert.Equal(0, message.Tokens);
        Assert.Equal(SentenceEncoder.Dimensions, message.Whole.Length);
    }

    [Fact]
    public void CountTokens_counts_CLS_and_SEP_for_an_empty_text() => Assert.Equal(2, Encoder.CountTokens(""));

    [Fact]
    public void CountTokens_of_a_short_text_is_below_the_cap() =>
        Assert.InRange(Encoder.CountTokens("derma roller"), 4, Encoder.MaxTokens - 1);

    [Fact]
    public void CountTokens_caps_at_MaxTokens()
    {
        var text = string.Join(' ', Enumerable.Repeat("microneedling", 2000));
        Assert.Equal(Encoder.MaxTokens, Encoder.CountTokens(text));
        Assert.Equal(Encoder.MaxTokens, Encoder.CountTokens(new string('x', 100_000)));
    }

    [Fact]
    public void The_model_hash_names_the_int8_graph() =>
        Assert.EndsWith("-int8", Encoder.ModelHash, StringComparison.Ordinal);

    [Fact]
    public void ForFile_gives_one_shared_encoder_per_file()
    {
        Assert.Same(Encoder, SentenceEncoder.ForFile());
        Assert.Same(Encoder, SentenceEncoder.ForFile(SemanticModelFile.DefaultPath));
    }

    [Fact]
    public void ForFile_of_a_missing_file_is_not_remembered_as_a_failure()
    {
        using var folder = new TempFolder("forfile-");
        var path = folder.File("appears-later.dll");
        Assert.Throws<SemanticModelException>(() => SentenceEncoder.ForFile(path));
        // The file turns up (a graph of the right output shape): the next call loads it.
        File.WriteAllBytes(path, ModelAssembly.WithModel(OnnxModels.MatMulTo(SentenceEncoder.Dimensions)));
        var encoder = SentenceEncoder.ForFile(path);
        Assert.NotSame(Encoder, encoder);
    }

    [Fact]
    public void Encoding_from_several_threads_at_once_gives_the_vectors_of_one_thread()
    {
        var texts = Enumerable.Range(0, 16).Select(i => $"question number {i} about rolling and needles").ToArray();
        var expected = texts.Select(Vector).ToArray();
        var results = new float[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => results[i] = Vector(texts[i]));
        for (var i = 0; i < texts.Length; i++) Assert.Equal(expected[i], results[i]);
    }

    [Fact]
    public void An_encoder_rejects_a_token_limit_outside_8_to_512()
    {
        var model = SemanticModelFile.Read();
        Assert.Throws<ArgumentOutOfRangeException>(() => new SentenceEncoder(model, maxTokens: 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SentenceEncoder(model, maxTokens: 513));
    }
}
