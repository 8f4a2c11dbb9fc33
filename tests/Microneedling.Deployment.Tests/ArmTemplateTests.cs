using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Microneedling.Deployment.Tests;

public sealed partial class ArmTemplateTests
{
    /// <summary>The configuration keys the bot host (src/Microneedling.Bot) reads, as App Service app setting names.</summary>
    private static readonly string[] HostConfigKeys =
    [
        "MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId",
        "DirectLine__TokenKey", "Storage__Path", "Telemetry__Otlp__Endpoint", "ForwardedHeaders__TrustForwardedFor",
        "Storage__Provider", "ConnectionStrings__Redis",
    ];

    public static TheoryData<string> Templates => new(ArmTemplate.Templates);

    public static TheoryData<string> JsonFiles => new(
        Directory.EnumerateFiles(RepoPaths.DeploymentTemplates, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.DeploymentTemplates, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    [Fact]
    public void The_expected_files_exist()
    {
        foreach (var name in new[]
        {
            "template-with-new-rg.json", "template-with-new-rg.parameters.json",
            "template-with-preexisting-rg.json", "template-with-preexisting-rg.parameters.json",
            "README.md", "teams/manifest.template.json", "teams/color.png", "teams/outline.png", "teams/make-icons.py",
        })
        {
            Assert.True(File.Exists(RepoPaths.Template(name)), $"deploymentTemplates/{name} is missing");
        }
    }

    [Theory]
    [MemberData(nameof(JsonFiles))]
    public void Every_json_file_parses(string relative)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.DeploymentTemplates, relative)));
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_referenced_parameter_is_declared_and_every_declared_one_is_used(string name)
    {
        foreach (var scope in ArmTemplate.Scopes(ArmTemplate.Load(name)))
        {
            var declared = ArmTemplate.DeclaredParameters(scope).ToHashSet(StringComparer.Ordinal);
            var referenced = ArmTemplate.ReferencedParameters(scope);
            Assert.Empty(referenced.Except(declared).Select(p => $"{name}: parameters('{p}') is not declared"));
            Assert.Empty(declared.Except(referenced).Select(p => $"{name}: parameter '{p}' is declared but never used"));
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_resource_has_a_type_and_a_stable_api_version(string name)
    {
        var resources = ArmTemplate.Scopes(ArmTemplate.Load(name)).SelectMany(ArmTemplate.Resources).ToList();
        Assert.NotEmpty(resources);
        foreach (var resource in resources)
        {
            var type = (string?)resource["type"];
            var apiVersion = (string?)resource["apiVersion"];
            Assert.False(string.IsNullOrWhiteSpace(type), $"{name}: a resource has no type: {resource.ToJsonString()}");
            Assert.False(string.IsNullOrWhiteSpace(apiVersion), $"{name}: {type} has no apiVersion");
            Assert.Matches(StableApiVersion(), apiVersion);
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_parameter_files_name_only_declared_parameters_and_every_required_one(string name)
    {
        var template = ArmTemplate.Load(name);
        var parametersFile = JsonNode.Parse(File.ReadAllText(RepoPaths.Template(Path.ChangeExtension(name, ".parameters.json"))))!;
        Assert.Contains("deploymentParameters.json", (string?)parametersFile["$schema"], StringComparison.Ordinal);
        var given = parametersFile["parameters"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var declared = template["parameters"]!.AsObject();
        Assert.Empty(given.Where(p => !declared.ContainsKey(p)).Select(p => $"{p} is not a parameter of {name}"));
        var required = declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        Assert.Empty(required.Where(p => !given.Contains(p)).Select(p => $"required parameter {p} is missing from the example parameters file"));
    }

    [Fact]
    public void The_new_resource_group_template_creates_the_group_and_nests_the_resource_group_template_unchanged()
    {
        var outer = ArmTemplate.Load(ArmTemplate.NewRg);
        Assert.Contains("subscriptionDeploymentTemplate.json", (string?)outer["$schema"], StringComparison.Ordinal);
        ArmTemplate.Single(outer, "Microsoft.Resources/resourceGroups");
        var deployment = ArmTemplate.Single(outer, "Microsoft.Resources/deployments");
        Assert.Equal("[parameters('groupName')]", (string?)deployment["resourceGroup"]);

        var nested = ArmTemplate.NestedTemplate(deployment);
        Assert.NotNull(nested);
        var preexisting = ArmTemplate.Load(ArmTemplate.PreexistingRg);
        Assert.True(JsonNode.DeepEquals(preexisting, nested),
            "the template nested in template-with-new-rg.json differs from template-with-preexisting-rg.json: run python3 deploymentTemplates/make-new-rg-template.py");
        Assert.Contains("deploymentTemplate.json", (string?)preexisting["$schema"], StringComparison.Ordinal);

        // Every inner parameter is passed through (location comes from groupLocation).
        var passed = deployment["properties"]!["parameters"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(ArmTemplate.DeclaredParameters(preexisting).Order(StringComparer.Ordinal), passed);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_web_app_is_linux_dotnet_10_https_only_always_on_and_health_checked_on_healthz(string name)
    {
        var template = ArmTemplate.ResourceGroupScope(name);
        var plan = ArmTemplate.Single(template, "Microsoft.Web/serverfarms");
        Assert.True((bool?)plan["properties"]!["reserved"], "a Linux plan needs reserved: true");

        var site = ArmTemplate.Single(template, "Microsoft.Web/sites");
        Assert.Contains("linux", (string?)site["kind"], StringComparison.Ordinal);
        var properties = site["properties"]!;
        Assert.True((bool?)properties["httpsOnly"]);
        var config = properties["siteConfig"]!;
        Assert.Equal("DOTNETCORE|10.0", (string?)config["linuxFxVersion"]);
        Assert.Equal("/healthz", (string?)config["healthCheckPath"]);
        Assert.True((bool?)config["alwaysOn"]);
        Assert.True((bool?)config["webSocketsEnabled"], "Direct Line streams over WebSocket");
        Assert.Equal("dotnet Microneedling.Bot.dll", (string?)config["appCommandLine"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void App_setting_names_are_exactly_the_host_configuration_keys(string name)
    {
        var site = ArmTemplate.Single(ArmTemplate.ResourceGroupScope(name), "Microsoft.Web/sites");
        var names = site["properties"]!["siteConfig"]!["appSettings"]!.AsArray().Select(s => (string?)s!["name"]).ToList();
        Assert.Equal(HostConfigKeys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Equal("[parameters('appType')]",
            (string?)site["properties"]!["siteConfig"]!["appSettings"]!.AsArray().Single(s => (string?)s!["name"] == "MicrosoftAppType")!["value"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_azure_bot_points_at_the_web_app_messages_endpoint(string name)
    {
        var bot = ArmTemplate.Single(ArmTemplate.ResourceGroupScope(name), "Microsoft.BotService/botServices");
        Assert.Equal("azurebot", (string?)bot["kind"]);
        Assert.Equal("global", (string?)bot["location"]);
        var endpoint = (string?)bot["properties"]!["endpoint"];
        Assert.NotNull(endpoint);
        // Either a literal URL or an expression whose https URL pattern ends with the route.
        Assert.True(endpoint.EndsWith("/api/messages", StringComparison.Ordinal) || EndpointExpression().IsMatch(endpoint),
            $"bot endpoint {endpoint} does not end with /api/messages");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_bot_app_type_is_single_tenant_or_user_assigned_msi_and_the_identity_exists_only_for_msi(string name)
    {
        var template = ArmTemplate.ResourceGroupScope(name);
        var appType = template["parameters"]!["appType"]!;
        Assert.Equal(["SingleTenant", "UserAssignedMSI"], appType["allowedValues"]!.AsArray().Select(v => (string?)v));

        var bot = ArmTemplate.Single(template, "Microsoft.BotService/botServices")["properties"]!;
        Assert.Equal("[parameters('appType')]", (string?)bot["msaAppType"]);
        Assert.Contains("parameters('appId')", (string?)bot["msaAppId"], StringComparison.Ordinal);
        Assert.Equal("[parameters('tenantId')]", (string?)bot["msaAppTenantId"]);
        Assert.NotNull(bot["msaAppMSIResourceId"]);

        var identity = ArmTemplate.Single(template, "Microsoft.ManagedIdentity/userAssignedIdentities");
        Assert.Equal("[variables('useMsi')]", (string?)identity["condition"]);
        Assert.Equal("[equals(parameters('appType'), 'UserAssignedMSI')]", (string?)template["variables"]!["useMsi"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_teams_and_direct_line_channels_are_enabled(string name)
    {
        var channels = ArmTemplate.Resources(ArmTemplate.ResourceGroupScope(name))
            .Where(r => (string?)r["type"] == "Microsoft.BotService/botServices/channels")
            .ToDictionary(r => (string)r["properties"]!["channelName"]!, r => r);
        Assert.Equal(["DirectLineChannel", "MsTeamsChannel"], channels.Keys.Order(StringComparer.Ordinal));
        Assert.True((bool?)channels["MsTeamsChannel"]["properties"]!["properties"]!["isEnabled"]);
        var site = channels["DirectLineChannel"]["properties"]!["properties"]!["sites"]!.AsArray().Single()!;
        Assert.True((bool?)site["isEnabled"]);
        Assert.True((bool?)site["isV3Enabled"]);
        foreach (var channel in channels.Values)
        {
            Assert.EndsWith($"'{channel["properties"]!["channelName"]}')]", (string?)channel["name"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Secrets_are_secure_strings(string name)
    {
        var parameters = ArmTemplate.Load(name)["parameters"]!;
        Assert.Equal("securestring", (string?)parameters["appSecret"]!["type"]);
        Assert.Equal("securestring", (string?)parameters["directLineTokenKey"]!["type"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Redis_is_created_only_when_chosen_and_its_key_reaches_the_app_from_the_deployment_not_the_repo(string name)
    {
        var template = ArmTemplate.ResourceGroupScope(name);
        Assert.Equal(["sqlite", "redis"], template["parameters"]!["stateStore"]!["allowedValues"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("sqlite", (string?)template["parameters"]!["stateStore"]!["defaultValue"]);
        var cache = ArmTemplate.Single(template, "Microsoft.Cache/redis");
        Assert.Equal("[variables('useRedis')]", (string?)cache["condition"]);
        Assert.False((bool?)cache["properties"]!["enableNonSslPort"]);
        var settings = ArmTemplate.Single(template, "Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray();
        Assert.Equal("[parameters('stateStore')]", (string?)settings.Single(s => (string?)s!["name"] == "Storage__Provider")!["value"]);
        Assert.Contains("listKeys(variables('redisId')", (string?)settings.Single(s => (string?)s!["name"] == "ConnectionStrings__Redis")!["value"], StringComparison.Ordinal);
        var plan = ArmTemplate.Single(template, "Microsoft.Web/serverfarms");
        Assert.Contains("parameters('instanceCount')", (string?)plan["sku"]!["capacity"], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex StableApiVersion();

    [GeneratedRegex(@"'https://[^']*/api/messages'")]
    private static partial Regex EndpointExpression();
}
