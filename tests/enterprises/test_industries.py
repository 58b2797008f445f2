"""GB/T 4754-2017 codes: sections, divisions and longer codes under a known division."""

from tanda.enterprises import industry_problem, resolve_industry
from tanda.enterprises.industries import divisions, sections


def test_the_packaged_list_has_20_sections_and_97_divisions():
    assert len(sections()) == 20
    assert len(divisions()) == 97
    assert divisions()["30"] == ("C", "非金属矿物制品业")
    assert divisions()["44"][0] == "D"


def test_codes_resolve_with_or_without_section_letter():
    assert resolve_industry("3011").division == "30"
    assert resolve_industry("C3011").section_name == "制造业"
    assert resolve_industry(" 65 ").division_name == "软件和信息技术服务业"


def test_bad_codes_say_why():
    assert "does not exist" in industry_problem("98")
    assert "section C, not D" in industry_problem("D3011")
    assert "not a GB/T 4754-2017 code" in industry_problem("cement")
