using Microneedling.FactCheck.Quantities;
using Microneedling.FactCheck.Vocabulary;

namespace Microneedling.FactCheck.Text;

/// <summary>
/// The one analysis chain shared by claims (at index time) and questions (at match time):
/// normalise, tokenise, correct spelling (questions only), stem, map synonym phrases to concepts
/// (longest first), drop stopwords and numbers, and add a marker term per quantity kind
/// ("#needle-length") so a number steers the match the way a word does.
/// </summary>
public sealed class TextAnalyzer
{
    /// <summary>Prefix of the marker terms added for quantities.</summary>
    public const string QuantityTermPrefix = "#";

    private readonly DomainVocabulary _vocabulary;
    private readonly QuantityReader _quantities;
    private SpellingCorrector? _corrector;

    public TextAnalyzer(DomainVocabulary vocabulary, QuantityReader quantities)
    {
        _vocabulary = vocabulary;
        _quantities = quantities;
    }

    /// <summary>Set once the index knows every word of the claims; until then nothing is corrected.</summary>
    public void UseCorrector(SpellingCorrector corrector) => _corrector = corrector;

    public AnalyzedText Analyze(string? text, bool correctSpelling)
    {
        var normalized = TextNormalizer.Normalize(text);
        return Analyze(normalized, Tokenizer.Tokenize(normalized), correctSpelling);
    }

    public AnalyzedText Analyze(string normalized, List<Token> tokens, bool correctSpelling)
    {
        var corrections = new List<string>();
        var words = new List<string>(tokens.Count);
        System.Text.StringBuilder? corrected = null;
        var copied = 0;
        foreach (var token in tokens)
        {
            if (correctSpelling && !token.IsNumber && _corrector?.Correct(token.Text) is { } fixedWords)
            {
                corrections.Add($"{token.Text} -> {string.Join(' ', fixedWords)}");
                words.AddRange(fixedWords);
                corrected ??= new System.Text.StringBuilder(normalized.Length + 16);
                corrected.Append(normalized, copied, token.Start - copied).Append(string.Join(' ', fixedWords));
                copied = token.End;
            }
            else
            {
                words.Add(token.Text);
            }
        }

        var stems = words.Select(w => char.IsAsciiDigit(w[0]) ? w : Stemmer.Stem(w)).ToArray();
        var terms = new List<string>();
        var hasAnchor = false;
        var hasOffTopic = false;
        for (var i = 0; i < stems.Length;)
        {
            // Another topic's words are consumed whole, so "jade roller" never reads as a roller.
            var offTopicLength = MatchOffTopic(stems, i);
            if (offTopicLength > 0)
            {
                hasOffTopic = true;
                i += offTopicLength;
                continue;
            }
            var (length, means) = MatchPhrase(stems, i);
            if (length > 0)
            {
                foreach (var concept in means)
                {
                    hasAnchor |= _vocabulary.Anchors.Contains(concept);
                    if (!_vocabulary.StopStems.Contains(concept)) terms.Add(concept);
                }
                i += length;
                continue;
            }
            var stem = stems[i];
            if (!char.IsAsciiDigit(stem[0]) && stem.Length > 1 && !_vocabulary.StopStems.Contains(stem)) terms.Add(stem);
            i++;
        }

        var quantities = _quantities.Read(normalized, tokens);
        foreach (var kind in quantities.Select(q => q.Kind).Distinct())
            terms.Add(QuantityTermPrefix + kind.ToName());
        var correctedText = corrected is null ? normalized : corrected.Append(normalized, copied, normalized.Length - copied).ToString();
        return new AnalyzedText(terms, hasAnchor, hasOffTopic, corrections, quantities, correctedText)
        {
            HasContext = HasContext(terms, stems),
        };
    }

    /// <summary>A context concept, a number or a word like "it" that points at the treatment (see <see cref="DomainVocabulary.ContextConcepts"/>).</summary>
    private bool HasContext(List<string> terms, string[] stems)
    {
        if (_vocabulary.ContextConcepts.Count == 0 && _vocabulary.ContextStems.Count == 0) return true;
        foreach (var term in terms)
            if (_vocabulary.ContextConcepts.Contains(term) || term.StartsWith(QuantityTermPrefix, StringComparison.Ordinal)) return true;
        foreach (var stem in stems)
            if (_vocabulary.ContextStems.Contains(stem)) return true;
        return false;
    }

    private (int Length, string[] Means) MatchPhrase(string[] stems, int start)
    {
        if (!_vocabulary.PhrasesByFirstStem.TryGetValue(stems[start], out var candidates)) return (0, []);
        foreach (var (phrase, means) in candidates) // longest first
        {
            if (start + phrase.Length <= stems.Length && stems.AsSpan(start, phrase.Length).SequenceEqual(phrase))
                return (phrase.Length, means);
        }
        return (0, []);
    }

    private int MatchOffTopic(string[] stems, int start)
    {
        if (!_vocabulary.OffTopicByFirstStem.TryGetValue(stems[start], out var candidates)) return 0;
        var longest = 0;
        foreach (var phrase in candidates)
        {
            if (phrase.Length > longest && start + phrase.Length <= stems.Length && stems.AsSpan(start, phrase.Length).SequenceEqual(phrase))
                longest = phrase.Length;
        }
        return longest;
    }
}
