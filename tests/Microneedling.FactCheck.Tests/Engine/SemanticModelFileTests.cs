using Microneedling.FactCheck.Semantic;

namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>
/// Reading the sentence model out of its DLL: every way the file can be missing or broken is a
/// <see cref="SemanticModelException"/> that names the file, never some other exception.
/// </summary>
public sealed class SemanticModelFileTests : IDisposable
{
    private readonly TempFolder _folder = new("model-file-");

    public void Dispose() => _folder.Dispose();

    private static SemanticModelException ReadFails(string path)
    {
        // Assert.Throws checks the exact type: a BadImageFormatException or an ArgumentOutOfRangeException fails here.
        var ex = Assert.Throws<SemanticModelException>(() => SemanticModelFile.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.ModelPath);
        return ex;
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var ex = ReadFails(_folder.File("no-such-model.dll"));
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_reported_with_its_path() =>
        ReadFails(_folder.Write("empty.dll", []));

    [Theory]
    [InlineData(1, 16)]
    [InlineData(2, 4096)]
    [InlineData(3, 300_000)]
    public void A_file_of_random_bytes_is_reported_with_its_path(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        ReadFails(_folder.Write($"random-{seed}.dll", bytes));
    }

    [Fact]
    public void A_file_that_starts_like_a_PE_image_but_is_random_after_the_header_is_reported_with_its_path()
    {
        var bytes = new byte[8192];
        new Random(4).NextBytes(bytes);
        // "MZ" and a PE header offset pointing inside the file: the reader gets further than the first two bytes.
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        BitConverter.GetBytes(0x80).CopyTo(bytes, 0x3c);
        "PE\0\0"u8.ToArray().CopyTo(bytes, 0x80);
        ReadFails(_folder.Write("mz-random.dll", bytes));
    }

    [Fact]
    public void The_real_model_file_cut_to_half_is_reported_with_its_path()
    {
        var real = File.ReadAllBytes(SemanticModelFile.DefaultPath);
        ReadFails(_folder.Write("half.dll", real[..(real.Length / 2)]));
    }

    [Fact]
    public void The_real_model_file_missing_its_last_bytes_is_reported_with_its_path()
    {
        var real = File.ReadAllBytes(SemanticModelFile.DefaultPath);
        ReadFails(_folder.Write("short.dll", real[..(real.Length - 4096)]));
    }

    [Fact]
    public void A_dotnet_assembly_without_the_model_resources_is_reported_as_such()
    {
        var ex = ReadFails(_folder.Write("other.dll", ModelAssembly.Build(("Some.Other.Resource.txt", "hello"u8.ToArray()))));
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vocabulary_without_CLS_and_SEP_is_reported_as_such()
    {
        var dll = ModelAssembly.WithModel(OnnxModels.OneMatMul(), vocabulary: "[PAD]\n[UNK]\nthe\n");
        var ex = ReadFails(_folder.Write("no-cls.dll", dll));
        Assert.Contains("[CLS]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_built_model_assembly_is_read_with_its_graph_and_vocabulary()
    {
        var graph = OnnxModels.OneMatMul();
        var path = _folder.Write("tiny.dll", ModelAssembly.WithModel(graph));
        var file = SemanticModelFile.Read(path);
        Assert.Equal(graph, file.ReadModel());
        Assert.Equal(ModelAssembly.Vocabulary, file.Vocabulary);
        Assert.Equal(16, file.Hash.Length);
    }

    [Fact]
    public void The_shipped_model_file_is_read()
    {
        var file = SemanticModelFile.Read();
        Assert.Equal(SemanticModelFile.DefaultPath, file.Path);
        var model = file.ReadModel();
        Assert.True(model.Length > 1_000_000, $"model of {model.Length} bytes");
        Assert.Contains("[CLS]", file.Vocabulary, StringComparison.Ordinal);
    }
}
