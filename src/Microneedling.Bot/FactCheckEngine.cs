using Microneedling.FactCheck;

namespace Microneedling.Bot;

/// <summary>
/// The fact-check engine as the host configures it: <c>Content:Path</c> (the claim set; default the copy
/// next to the app), <c>Matching:Semantic</c> (true by default; false runs the lexical matcher alone, on
/// purpose and with a warning at start-up), <c>Matching:ModelPath</c> (the sentence model file; default
/// models/ next to the app) and <c>Matching:CacheDirectory</c> (where the int8 model and claim vectors
/// are kept between restarts; default App_Data/cache under the content root, "" for none).
/// </summary>
internal static class FactCheckEngine
{
    public static FactChecker Load(IConfiguration config, IHostEnvironment environment, ILogger logger)
    {
        var semantic = config.GetValue("Matching:Semantic", true);
        var cache = config["Matching:CacheDirectory"] ?? Path.Combine(environment.ContentRootPath, "App_Data", "cache");
        var options = new MatcherOptions
        {
            Semantic = semantic,
            SemanticModelPath = config["Matching:ModelPath"] is { Length: > 0 } model ? model : null,
            VectorCacheDirectory = cache,
        };
        if (!semantic)
            logger.LogWarning("Matching:Semantic=false: the semantic matcher is OFF and the lexical matcher runs alone. It understands fewer ways of asking and catches fewer described danger signs; use it only on purpose.");
        return FactChecker.Load(config["Content:Path"] is { Length: > 0 } dir ? dir : null, options);
    }
}
