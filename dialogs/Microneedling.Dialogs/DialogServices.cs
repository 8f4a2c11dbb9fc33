using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Dialogs;

/// <summary>Registers what the conversations need (renderer, feedback and curation stores).</summary>
public static class DialogServices
{
    // SCAFFOLD: filled in by the dialogs work (issue 4).
    public static IServiceCollection AddMicroneedlingDialogs(this IServiceCollection services) => services;
}
