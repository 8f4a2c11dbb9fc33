using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.DirectLine;

/// <summary>Registers the built-in Direct Line 3.0 endpoint and the page's token endpoint.</summary>
public static class DirectLineEndpoints
{
    // SCAFFOLD: filled in by the Direct Line work (issue 5).
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints) => endpoints;
}
