"""Domain messages (`tanda.i18n`): English unless a language is chosen, and a catalogue that fits the code.

Named test_domain_i18n, not test_i18n: tests/web/test_i18n.py holds that name, and test modules
are imported by their base name.
"""

from __future__ import annotations

import ast
import gettext
import string
import threading
from pathlib import Path

import pytest

from tanda import i18n
from tanda.enterprises import credit_code_problem
from tanda.enterprises.errors import ImportReport, RowError
from tanda.i18n import _, get_language, normalize_language, use_language

PO = i18n.LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "tanda.po"
MO = PO.with_suffix(".mo")
SOURCES = sorted((Path(i18n.__file__).parent / "enterprises").glob("*.py"))


def read_po(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (no plurals or contexts: the catalogue uses neither)."""
    entries: dict[str, str] = {}
    msgid = msgstr = None
    current = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if line.startswith("msgid "):
            msgid, current = ast.literal_eval(line[6:]), "msgid"
        elif line.startswith("msgstr "):
            msgstr, current = ast.literal_eval(line[7:]), "msgstr"
        elif line.startswith('"'):
            if current == "msgid":
                msgid += ast.literal_eval(line)
            else:
                msgstr += ast.literal_eval(line)
        elif not line and msgid is not None:
            entries[msgid] = msgstr
            msgid = msgstr = current = None
    return entries


def source_msgids() -> set[str]:
    """Every literal passed to `_` in tanda.enterprises."""
    found = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
                [arg] = node.args
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), f"{path.name}:{node.lineno}"
                found.add(arg.value)
    return found


def fields(text: str) -> list[tuple[str, str | None, str]]:
    """The {name!conversion:spec} fields of a format string, sorted."""
    return sorted((name, conv, spec) for _, name, spec, conv in string.Formatter().parse(text) if name is not None)


def test_english_unless_a_language_is_chosen():
    assert get_language() == "en"
    assert credit_code_problem("ABC") == "'ABC' has 3 characters; a unified social credit code has 18"
    with use_language("zh-hans"):
        assert credit_code_problem("ABC") == "'ABC' 有 3 个字符；统一社会信用代码应为 18 位"
        with use_language("en"):
            assert _("the file is empty") == "the file is empty"
        assert _("the file is empty") == "文件是空的"
    assert _("the file is empty") == "the file is empty"


@pytest.mark.parametrize("code", ["zh", "zh-hans", "zh_Hans", "zh-cn", "ZH-Hans", "zh-Hant"])
def test_every_chinese_code_reads_the_catalogue(code):
    assert normalize_language(code) == "zh_Hans"
    with use_language(code):
        assert _("not a unit") == "不是计量单位"


@pytest.mark.parametrize("code", ["en", "en-us", "", None, "fr", "zhx"])
def test_other_codes_read_english(code):
    assert normalize_language(code) == "en"
    with use_language(code):
        assert _("not a unit") == "not a unit"


def test_a_message_made_in_another_thread_is_english():
    """A context variable, not a global: one request's language does not leak into another's."""
    seen = []
    with use_language("zh"):
        worker = threading.Thread(target=lambda: seen.append(_("not a unit")))
        worker.start()
        worker.join()
    assert seen == ["not a unit"]


def test_the_error_file_speaks_the_language():
    report = ImportReport(error_count=3, errors=[RowError(2, "quantity", "x")])
    assert "… and 2 more errors not listed" in report.error_csv()
    with use_language("zh-hans"):
        assert "……另有 2 处错误未列出" in report.error_csv()


def test_every_msgid_is_translated_with_the_same_fields():
    catalogue = {k: v for k, v in read_po(PO).items() if k}
    assert source_msgids() == set(catalogue), "run the extraction: msgids in the code and the .po differ"
    for msgid, msgstr in catalogue.items():
        assert msgstr.strip(), msgid
        assert fields(msgstr) == fields(msgid), msgid
        assert msgstr != msgid, msgid


def test_the_mo_is_compiled_from_the_po():
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog
    written = read_po(PO)
    assert {k: v for k, v in compiled.items() if k} == {k: v for k, v in written.items() if k}


def test_the_catalogue_is_package_data():
    import tomllib

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    patterns = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["*"]
    assert "*.mo" in patterns and "*.po" in patterns
