using Reduction.Server.Tests.Console;

namespace Reduction.Server.Tests.Designer;

/// <summary>The real server for the designer's browser tests: as <see cref="ConsoleServer"/>, with administrators
/// signing in by password alone so the tests reach the designer in one step.</summary>
public sealed class DesignerServer : ConsoleServer
{
    protected override bool RequireTwoFactorForAdmins => false;
}
