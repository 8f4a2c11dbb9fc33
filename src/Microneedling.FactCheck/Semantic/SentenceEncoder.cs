using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings on ONNX Runtime, in process, on CPU: WordPiece tokens in, one
/// mean-pooled, L2-normalised 384-dimensional vector per text out (the model's own pooling, as
/// sentence-transformers does it). One inference session serves every caller; each run uses one
/// intra-op thread on the calling thread, so concurrent messages run side by side instead of
/// spin-waiting for each other (measured: two threads per run cost 1.5x the CPU and p99 exploded under load).
/// </summary>
public sealed class SentenceEncoder : IDisposable
{
    public const int Dimensions = 384;

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly ConcurrentDictionary<string, Lazy<SentenceEncoder>> Shared = new(StringComparer.Ordinal);

    private readonly InferenceSession _session;
    private readonly string[] _outputNames;
    private readonly BertTokenizer _tokenizer = new();
    private readonly Lock _tokenizerLock = new();

    /// <param name="model">The model file's contents.</param>
    /// <param name="maxTokens">Longest text in WordPiece tokens, [CLS] and [SEP] included; longer texts are cut.</param>
    /// <param name="cacheDirectory">Where the int8 graph is kept once made (null: made at every load).</param>
    public SentenceEncoder(SemanticModelFile model, int maxTokens = 128, string? cacheDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxTokens, 512);
        MaxTokens = maxTokens;
        // The int8 graph is what runs, so its hash (not the float one's) keys vectors and fitted models.
        ModelHash = model.Hash + "-int8";
        using (var reader = new StringReader(model.Vocabulary))
            _tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        // The whole-word entries of the WordPiece vocabulary (not "##" pieces, marks or [unused]):
        // about 21,700 common English words.
        Words = model.Vocabulary.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.All(char.IsAsciiLetterLower)).ToArray();
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        try
        {
            // From the cached file when there is one: ONNX Runtime reads it natively, no managed copy.
            _session = QuantizedGraphFile(model, cacheDirectory) is { } file
                ? new InferenceSession(file, options)
                : new InferenceSession(QuantizedGraph(model, cacheDirectory), options);
        }
        catch (OnnxRuntimeException e)
        {
            // A corrupt cached graph is not the shipped model's fault: made again once from the model file.
            if (QuantizedGraphFile(model, cacheDirectory) is { } bad)
            {
                TryDelete(bad);
                try
                {
                    _session = new InferenceSession(QuantizedGraph(model, cacheDirectory), options);
                }
                catch (OnnxRuntimeException again)
                {
                    throw new SemanticModelException(model.Path, $"ONNX Runtime cannot load the model ({again.Message})");
                }
            }
            else
            {
                throw new SemanticModelException(model.Path, $"ONNX Runtime cannot load the model ({e.Message})");
            }
        }
        _outputNames = [_session.OutputMetadata.Keys.First()];
        if (_session.OutputMetadata[_outputNames[0]].Dimensions is not [_, _, Dimensions])
            throw new SemanticModelException(model.Path, $"the model's first output is not token embeddings of {Dimensions} dimensions");
    }

    public int MaxTokens { get; }

    /// <summary>The whole lower-case words of the model's vocabulary: English a message may use that the content does not.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>
    /// The int8 graph (<see cref="OnnxQuantizer"/>), read from the cache folder when it was made before
    /// and written there when not; a cache that cannot be read or written only costs the time to make it.
    /// </summary>
    private static string? CachedGraphPath(SemanticModelFile model, string? cacheDirectory) =>
        cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"minilm-{model.Hash}-int8.onnx");

    /// <summary>The cached int8 graph's path when one was written before (null otherwise).</summary>
    private static string? QuantizedGraphFile(SemanticModelFile model, string? cacheDirectory) =>
        CachedGraphPath(model, cacheDirectory) is { } file && File.Exists(file) ? file : null;

    private static byte[] QuantizedGraph(SemanticModelFile model, string? cacheDirectory)
    {
        var file = CachedGraphPath(model, cacheDirectory);
        byte[] quantized;
        try
        {
            quantized = OnnxQuantizer.Quantize(model.ReadModel());
        }
        catch (Exception e) when (e is InvalidDataException or OverflowException or ArgumentOutOfRangeException)
        {
            throw new SemanticModelException(model.Path, $"the ONNX graph cannot be read ({e.Message})");
        }
        if (file is not null)
        {
            try
            {
                Directory.CreateDirectory(cacheDirectory!);
                var temp = file + "." + Environment.ProcessId + ".tmp";
                File.WriteAllBytes(temp, quantized);
                File.Move(temp, file, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Read-only disk: made again next time.
            }
        }
        return quantized;
    }

    /// <summary>A short hash of the model, part of every cached vector's key.</summary>
    public string ModelHash { get; }

    /// <summary>
    /// One encoder per model file per process: the session is the expensive part (about 90 MB and
    /// 0.3–1 s to load), and every engine in a process (tests build many) can share it.
    /// </summary>
    /// <param name="path">The model file (null: models/ next to the application).</param>
    /// <param name="cacheDirectory">Where the int8 graph is kept between runs (null: nowhere).</param>
    public static SentenceEncoder ForFile(string? path = null, string? cacheDirectory = null)
    {
        var full = Path.GetFullPath(path ?? SemanticModelFile.DefaultPath);
        var lazy = Shared.GetOrAdd(full, p => new Lazy<SentenceEncoder>(() => new SentenceEncoder(SemanticModelFile.Read(p), cacheDirectory: cacheDirectory)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A missing or broken file is reported every time it is asked for, not cached as a failure.
            Shared.TryRemove(new KeyValuePair<string, Lazy<SentenceEncoder>>(full, lazy));
            throw;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start to overwrite.
        }
    }

    /// <summary>Number of WordPiece tokens of a text, [CLS] and [SEP] included, capped at <see cref="MaxTokens"/>.</summary>
    public int CountTokens(string text)
    {
        Span<long> ids = stackalloc long[MaxTokens];
        Span<long> mask = stackalloc long[MaxTokens];
        lock (_tokenizerLock) return _tokenizer.Encode(Prepare(text), ids, mask, null);
    }

    /// <summary>Embeds texts, each on its own; one normalised vector per text, same order.</summary>
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var pooled = EncodePooled(texts, out var counts);
        for (var i = 0; i < pooled.Length; i++) Normalize(pooled[i], counts[i]);
        return pooled;
    }

    /// <summary>
    /// Embeds the sentences of one message: a vector per sentence, and the message's vector
    /// pooled over all of their tokens (the mean of every token, not of the sentence means, so a long
    /// sentence weighs as much as its words) — reading each sentence once gives both.
    /// </summary>
    public MessageVectors EncodeMessage(IReadOnlyList<string> sentences)
    {
        if (sentences.Count == 0) return new MessageVectors([], new float[Dimensions], 0);
        var pooled = EncodePooled(sentences, out var counts);
        var whole = new float[Dimensions];
        var tokens = 0;
        for (var i = 0; i < pooled.Length; i++)
        {
            // pooled[i] still holds the sum of the sentence's token vectors here.
            for (var d = 0; d < Dimensions; d++) whole[d] += pooled[i][d];
            tokens += counts[i];
            Normalize(pooled[i], counts[i]);
        }
        Normalize(whole, tokens);
        return new MessageVectors(pooled, whole, tokens);
    }

    /// <summary>Sums of token embeddings per text (not yet divided or normalised) and their token counts.</summary>
    private float[][] EncodePooled(IReadOnlyList<string> texts, out int[] counts)
    {
        counts = new int[texts.Count];
        if (texts.Count == 0) return [];
        var ids = new long[texts.Count][];
        lock (_tokenizerLock)
        {
            Span<long> buffer = stackalloc long[MaxTokens];
            Span<long> mask = stackalloc long[MaxTokens];
            for (var i = 0; i < texts.Count; i++)
            {
                var n = _tokenizer.Encode(Prepare(texts[i]), buffer, mask, null);
                ids[i] = buffer[..n].ToArray();
                counts[i] = n;
            }
        }
        // Each text runs alone: the int8 graph quantizes a run's activations with one scale over the
        // whole batch, so a text's vector would depend on the texts beside it (measured: cosine 0.990).
        // Alone, a text always gets the same vector, and nothing is padded.
        var result = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++) RunBatch([i], ids, counts, result);
        return result;
    }

    /// <summary>One run of the model over some of the texts (padded to the longest); sums of token vectors into <paramref name="result"/>.</summary>
    private void RunBatch(int[] members, long[][] ids, int[] counts, float[][] result)
    {
        var batch = members.Length;
        var longest = members.Max(i => counts[i]);
        var inputIds = new long[batch * longest];
        var attention = new long[batch * longest];
        var types = new long[batch * longest];
        for (var b = 0; b < batch; b++)
        {
            ids[members[b]].CopyTo(inputIds, b * longest);
            attention.AsSpan(b * longest, counts[members[b]]).Fill(1);
        }
        long[] shape = [batch, longest];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(attention, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], _outputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        for (var b = 0; b < batch; b++)
        {
            var sum = new float[Dimensions];
            for (var t = 0; t < counts[members[b]]; t++)
                System.Numerics.Tensors.TensorPrimitives.Add(sum, hidden.Slice(((b * longest) + t) * Dimensions, Dimensions), sum);
            result[members[b]] = sum;
        }
    }

    private static void Normalize(float[] sum, int count)
    {
        if (count == 0) return;
        double norm = 0;
        foreach (var x in sum) norm += (double)x * x;
        if (norm <= 0) return;
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var d = 0; d < sum.Length; d++) sum[d] *= scale;
    }

    /// <summary>
    /// What the BERT uncased tokenizer expects: accents stripped (NFD, marks dropped), curly quotes as
    /// straight ones, control characters as spaces. Lower-casing is the tokenizer's.
    /// </summary>
    internal static string Prepare(string text)
    {
        var decomposed = SafeNormalize(text, NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                    continue;
                case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned:
                    sb.Append(' ');
                    continue;
            }
            sb.Append(c switch
            {
                '\u2019' or '\u2018' or '\u00b4' or '`' => '\'',
                '\u201c' or '\u201d' => '"',
                _ => c,
            });
        }
        return sb.ToString();
    }

    private static string SafeNormalize(string text, NormalizationForm form)
    {
        try
        {
            return text.Normalize(form);
        }
        catch (ArgumentException)
        {
            return new string(text.Where(c => !char.IsSurrogate(c)).ToArray()).Normalize(form);
        }
    }

    public void Dispose() => _session.Dispose();
}

/// <summary>One message read by the model: a vector per sentence and one for the whole, all normalised.</summary>
public sealed record MessageVectors(float[][] Sentences, float[] Whole, int Tokens);
