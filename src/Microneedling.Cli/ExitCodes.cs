namespace Microneedling.Cli;

/// <summary>The process exit codes every command shares; scripts and CI rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and failed: broken content, a missing sentence model, an evaluation floor missed.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: unknown command or option, a missing or invalid value, a missing file.</summary>
    public const int Usage = 2;
}
