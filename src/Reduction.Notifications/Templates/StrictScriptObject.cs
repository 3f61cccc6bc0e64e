using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Reduction.Notifications.Templates;

/// <summary>A model object whose unknown members are errors. Scriban's strict variables cover top-level names only;
/// without this, `task.titel` would quietly render as nothing. Once read-only, assigning a member is an error too.</summary>
internal sealed class StrictScriptObject(string path) : ScriptObject
{
    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (base.TryGetValue(context, span, member, out value))
        {
            return true;
        }

        throw new ScriptRuntimeException(span, $"模型中没有字段“{path}.{member}” / the model has no member '{path}.{member}'");
    }

    public override bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) =>
        !IsReadOnly
            ? base.TrySetValue(context, span, member, value, readOnly)
            : throw new ScriptRuntimeException(span, $"模型只读，不能修改“{path}.{member}” / the model is read-only: cannot set '{path}.{member}'");
}
