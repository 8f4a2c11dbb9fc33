namespace Microneedling.FactCheck.Tests;

public sealed class ArticleFileReaderTests
{
    private static readonly ClaimSet Shipped = ClaimSetLoader.Load(Path.Combine(AppContext.BaseDirectory, "content", "claims"));

    [Fact]
    public void The_shipped_articles_name_the_seed_article_for_its_claims()
    {
        var articles = ArticleFileReader.Load(Path.Combine(AppContext.BaseDirectory, "content", ArticleFileReader.FileName), Shipped);
        var seed = Assert.Single(articles);
        Assert.Equal("Micro Needling – Is Skin Needling Safe?", seed.Headline);
        Assert.Contains("home-frequency", seed.ClaimIds);
        Assert.DoesNotContain("home-needle-length", seed.ClaimIds); // a consumer question, not the article's claim
    }

    [Fact]
    public void An_unknown_claim_id_is_refused_with_its_file_and_line()
    {
        using var files = new ClaimFiles();
        var path = Path.Combine(files.Directory, ArticleFileReader.FileName);
        File.WriteAllText(path, "articles:\n  - headline: An article\n    claims:\n      - home-frequency\n      - no-such-claim\n");

        var ex = Assert.Throws<ContentException>(() => ArticleFileReader.Load(path, Shipped));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(5, error.Line);
        Assert.Contains("no-such-claim", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_field_and_a_relative_url_are_refused()
    {
        using var files = new ClaimFiles();
        var path = Path.Combine(files.Directory, ArticleFileReader.FileName);
        File.WriteAllText(path, "articles:\n  - headline: An article\n    autor: Someone\n    url: /relative\n    claims: [home-frequency]\n");

        var ex = Assert.Throws<ContentException>(() => ArticleFileReader.Load(path, Shipped));

        Assert.Equal(["articles[0].autor", "articles[0].url"], ex.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_file_means_no_articles()
    {
        using var files = new ClaimFiles();
        Assert.Empty(ArticleFileReader.Load(Path.Combine(files.Directory, ArticleFileReader.FileName), Shipped));
    }
}
