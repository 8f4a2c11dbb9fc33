using YamlDotNet.RepresentationModel;

namespace Microneedling.FactCheck;

/// <summary>
/// Reads content/articles.yaml: the articles the claims were taken from. The file is optional (a
/// claim set without one simply has no appearances); when present it is validated like a claim file,
/// every problem with file:line, and every claim id it names must exist.
/// </summary>
public static class ArticleFileReader
{
    public const string FileName = "articles.yaml";

    /// <summary>Reads and validates; throws <see cref="ContentException"/> listing every problem.</summary>
    public static IReadOnlyList<Article> Load(string path, ClaimSet claims)
    {
        var errors = new List<ContentError>();
        var articles = Read(path, claims, errors);
        if (errors.Count > 0) throw new ContentException(errors);
        return articles;
    }

    internal static IReadOnlyList<Article> Read(string path, ClaimSet claims, List<ContentError> errors)
    {
        if (!File.Exists(path)) return [];
        var fields = new YamlFields(ContentPath.Display(path), errors);
        using var reader = File.OpenText(path);
        if (fields.Mapping(fields.LoadDocument(reader), "") is not { } root) return [];
        fields.RejectUnknownKeys(root, "", "articles");
        var articles = new List<Article>();
        var list = fields.MappingList(root, "articles", "articles");
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var prefix = $"articles[{i}].";
            fields.RejectUnknownKeys(item, prefix, "headline", "author", "url", "claims");
            var headline = fields.Text(item, "headline", prefix + "headline");
            var author = fields.Text(item, "author", prefix + "author", required: false);
            var url = Url(fields, item, prefix + "url");
            var ids = fields.TextList(item, "claims", prefix + "claims");
            foreach (var (id, node) in ids.Where(c => claims.Find(c.Value) is null))
                fields.Error(node, prefix + "claims", $"unknown claim id '{id}'");
            if (headline is not null) articles.Add(new Article(headline, author, url, [.. ids.Select(c => c.Value)]));
        }
        return articles;
    }

    private static Uri? Url(YamlFields fields, YamlMappingNode item, string field)
    {
        if (fields.Text(item, "url", field, required: false) is not { } text) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http") return url;
        fields.Error(YamlFields.Child(item, "url")!, field, $"'{text}' is not an absolute http(s) URL");
        return null;
    }
}
