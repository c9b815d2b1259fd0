"""No text is translated when a module is imported: `gettext` at import time picks the language of whoever imported
it first (the default, Chinese), so an English page showed the roster tabs, the referral's success messages and a
filter's label in Chinese. Module-level and class-level text uses gettext_lazy; gettext belongs in functions."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ["audit", "backups", "cases", "clearance", "documents", "imports", "outbox", "pushes", "sanctions", "scale", "stats",
        "wanian_exec"]
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def eager_calls(source: str) -> list[int]:
    """Lines where a non-lazy gettext (under any name it was imported as) runs outside a function."""
    tree = ast.parse(source)
    names = {alias.asname or alias.name for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
             for alias in node.names if alias.name in EAGER}
    lines = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if not inside and isinstance(child, ast.Call) and getattr(child.func, "id", None) in names:
                lines.append(child.lineno)
            visit(child, inside)

    visit(tree, False)
    return lines


def test_the_checker_finds_an_eager_call_and_passes_a_lazy_one():
    eager = "from django.utils.translation import gettext as _\nTABS = [_('全部')]\n"
    lazy = "from django.utils.translation import gettext as _, gettext_lazy\nTABS = [gettext_lazy('全部')]\n" \
           "def view():\n    return _('全部')\n"
    assert eager_calls(eager) == [2] and eager_calls(lazy) == []


def test_no_module_translates_at_import_time():
    found = [f"{path.relative_to(ROOT)}:{line}"
             for app in APPS for path in sorted((ROOT / app).rglob("*.py")) if "migrations" not in path.parts
             for line in eager_calls(path.read_text(encoding="utf-8"))]
    assert found == []
