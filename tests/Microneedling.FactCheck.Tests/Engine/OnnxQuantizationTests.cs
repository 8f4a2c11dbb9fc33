using Microneedling.FactCheck.Semantic;

namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>
/// The protobuf reader and the int8 quantizer are internal (no InternalsVisibleTo for this project), so
/// they are driven through their one public door: a <see cref="SentenceEncoder"/> made from a model file.
/// Whatever is wrong with the ONNX graph, the documented result is a <see cref="SemanticModelException"/>
/// naming the file (the quantizer's InvalidDataException, its message kept, inside it).
/// </summary>
public sealed class OnnxQuantizationTests : IDisposable
{
    private readonly TempFolder _folder = new("onnx-");

    public void Dispose() => _folder.Dispose();

    private SemanticModelException EncoderFails(string name, byte[] graph)
    {
        var path = _folder.Write(name, ModelAssembly.WithModel(graph));
        var model = SemanticModelFile.Read(path);
        var ex = Assert.Throws<SemanticModelException>(() => new SentenceEncoder(model));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    public static TheoryData<string, byte[]> Garbage() => new()
    {
        { "a field with an unsupported wire type", [0x0B, 0x00] },
        { "a length that runs past the end", [0x0A, 0x05, 0x01] },
        { "a varint longer than ten bytes", [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] },
        { "a varint cut off", [0x08, 0xFF] },
        { "a fixed64 cut off", [0x09, 0x01, 0x02] },
        { "a fixed32 cut off", [0x0D, 0x01] },
        { "a length above int.MaxValue", [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00] },
        { "a length of int.MaxValue", [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00] },
        { "a graph field holding garbage", [0x3A, 0x02, 0x0B, 0x00] },
        { "a graph field that is a number", [0x38, 0x01] },
        { "no graph at all", [0x08, 0x07] },
        { "random bytes (seed 1)", RandomBytes(1, 64) },
        { "random bytes (seed 2)", RandomBytes(2, 1024) },
        { "random bytes (seed 3)", RandomBytes(3, 65536) },
    };

    private static byte[] RandomBytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void A_graph_of_garbage_bytes_is_a_semantic_model_exception_naming_the_file(string what, byte[] graph)
    {
        var ex = EncoderFails("garbage.dll", graph);
        Assert.True(ex.Message.Contains("cannot", StringComparison.Ordinal), $"{what}: {ex.Message}");
    }

    [Fact]
    public void A_valid_graph_without_MatMul_says_there_is_nothing_to_quantize()
    {
        var ex = EncoderFails("identity.dll", OnnxModels.IdentityOnly());
        Assert.Contains("no float MatMul", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_with_a_constant_MatMul_is_quantized_into_one_ONNX_Runtime_loads()
    {
        // The quantized graph loads (DynamicQuantizeMatMul from com.microsoft); what stops the encoder is
        // only that its output is not 384-dimensional token embeddings.
        var ex = EncoderFails("matmul.dll", OnnxModels.OneMatMul());
        Assert.Contains("not token embeddings", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot load", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_quantized_graph_is_written_to_the_cache_folder_named_by_the_model_hash()
    {
        var path = _folder.Write("cached.dll", ModelAssembly.WithModel(OnnxModels.OneMatMul()));
        var model = SemanticModelFile.Read(path);
        var cache = Path.Combine(_folder.Path, "cache");
        Assert.Throws<SemanticModelException>(() => new SentenceEncoder(model, cacheDirectory: cache));
        var cached = Assert.Single(Directory.GetFiles(cache, "*.onnx"));
        Assert.Contains(model.Hash, Path.GetFileName(cached), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(cache, "*.tmp"));
    }

    [Fact]
    public void A_cached_graph_is_read_instead_of_quantizing_again()
    {
        var path = _folder.Write("reused.dll", ModelAssembly.WithModel(OnnxModels.OneMatMul()));
        var model = SemanticModelFile.Read(path);
        var cache = Path.Combine(_folder.Path, "cache");
        Assert.Throws<SemanticModelException>(() => new SentenceEncoder(model, cacheDirectory: cache));
        var cached = Assert.Single(Directory.GetFiles(cache, "*.onnx"));
        // A graph of the right output shape in the cache: read from there, the encoder loads; were the
        // model's own graph quantized again, its [1, 2] output would be refused.
        File.WriteAllBytes(cached, OnnxModels.Identity(1, 3, SentenceEncoder.Dimensions));
        using var encoder = new SentenceEncoder(model, cacheDirectory: cache);
        Assert.Equal(model.Hash + "-int8", encoder.ModelHash);
    }

    [Fact]
    public void A_corrupt_cached_graph_is_made_again_not_fatal()
    {
        var path = _folder.Write("torn.dll", ModelAssembly.WithModel(OnnxModels.OneMatMul()));
        var model = SemanticModelFile.Read(path);
        var cache = Path.Combine(_folder.Path, "cache");
        Assert.Throws<SemanticModelException>(() => new SentenceEncoder(model, cacheDirectory: cache));
        var cached = Assert.Single(Directory.GetFiles(cache, "*.onnx"));
        File.WriteAllBytes(cached, File.ReadAllBytes(cached)[..10]);
        // As without a cache: the graph is quantized again, loads, and only its output shape is wrong.
        var ex = Assert.Throws<SemanticModelException>(() => new SentenceEncoder(model, cacheDirectory: cache));
        Assert.Contains("not token embeddings", ex.Message, StringComparison.Ordinal);
    }
}
