"""The packaged GB/T 2260 division list: shape of the tree, official counts, and the special cases plans rely on."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tanda.regions import Division, ancestors, children, codes_within, division, divisions

MAINLAND_PROVINCES = {
    "110000": "北京市",
    "120000": "天津市",
    "130000": "河北省",
    "140000": "山西省",
    "150000": "内蒙古自治区",
    "210000": "辽宁省",
    "220000": "吉林省",
    "230000": "黑龙江省",
    "310000": "上海市",
    "320000": "江苏省",
    "330000": "浙江省",
    "340000": "安徽省",
    "350000": "福建省",
    "360000": "江西省",
    "370000": "山东省",
    "410000": "河南省",
    "420000": "湖北省",
    "430000": "湖南省",
    "440000": "广东省",
    "450000": "广西壮族自治区",
    "460000": "海南省",
    "500000": "重庆市",
    "510000": "四川省",
    "520000": "贵州省",
    "530000": "云南省",
    "540000": "西藏自治区",
    "610000": "陕西省",
    "620000": "甘肃省",
    "630000": "青海省",
    "640000": "宁夏回族自治区",
    "650000": "新疆维吾尔自治区",
}


def _in_province(province: str, level: str) -> list[Division]:
    """Divisions of one level anywhere under a province (directly or through a prefecture)."""
    return [d for d in divisions() if d.level == level and province in {a.code for a in ancestors(d.code)}]


def _county_kinds(counties: list[Division]) -> Counter[str]:
    """Classify county-level names the way the official statistics do (市辖区, 县级市, 县, 自治县)."""
    kinds: Counter[str] = Counter()
    for d in counties:
        if d.name.endswith("自治县"):
            kinds["自治县"] += 1
        else:
            kinds[{"区": "市辖区", "市": "县级市", "县": "县"}[d.name[-1]]] += 1
    return kinds


def test_codes_are_six_digits_and_unique() -> None:
    codes = [d.code for d in divisions()]
    assert all(re.fullmatch(r"\d{6}", c) for c in codes)
    assert len(codes) == len(set(codes))


def test_code_shape_matches_level() -> None:
    for d in divisions():
        if d.level == "province":
            assert d.code.endswith("0000") and d.parent is None, d
        elif d.level == "city":
            assert d.code.endswith("00") and not d.code.endswith("0000"), d
        else:
            assert not d.code.endswith("00"), d


def test_every_parent_exists_and_comes_first() -> None:
    seen: dict[str, Division] = {}
    for d in divisions():
        if d.parent is not None:
            assert d.parent in seen, f"{d} listed before its parent"
            parent = seen[d.parent]
            assert d.code[:2] == parent.code[:2], d
            assert (parent.level, d.level) in {("province", "city"), ("province", "county"), ("city", "county")}, d
            if parent.level == "city":
                assert d.code[:4] == parent.code[:4], d
        seen[d.code] = d


def test_all_31_mainland_provinces() -> None:
    provinces = {d.code: d.name for d in divisions() if d.level == "province"}
    assert provinces == MAINLAND_PROVINCES


def test_national_totals() -> None:
    counts = Counter(d.level for d in divisions())
    assert counts["province"] == 31
    assert counts["city"] == 333  # 293 地级市 + 7 地区 + 30 自治州 + 3 盟
    assert 2800 < counts["county"] < 2900


def test_no_pseudo_or_functional_zone_rows() -> None:
    names = {d.name for d in divisions()}
    assert not names & {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    assert not [d for d in divisions() if d.level == "county" and 71 <= int(d.code[4:]) <= 80]
    assert "220171" not in {d.code for d in divisions()}  # 长春经济技术开发区: NBS-only, not GB/T 2260


def test_jilin() -> None:
    jilin = division("220000")
    assert (jilin.name, jilin.level, jilin.parent) == ("吉林省", "province", None)
    cities = children("220000")
    assert [d.code for d in cities] == [
        "220100",
        "220200",
        "220300",
        "220400",
        "220500",
        "220600",
        "220700",
        "220800",
        "222400",
    ]
    assert all(d.level == "city" for d in cities)
    assert division("222400").name == "延边朝鲜族自治州"
    counties = _in_province("220000", "county")
    assert len(counties) == 60
    assert _county_kinds(counties) == {"市辖区": 21, "县级市": 20, "县": 16, "自治县": 3}


def test_liaoning() -> None:
    cities = children("210000")
    assert len(cities) == 14
    assert all(d.level == "city" and d.name.endswith("市") for d in cities)
    counties = _in_province("210000", "county")
    assert len(counties) == 100
    assert _county_kinds(counties) == {"市辖区": 59, "县级市": 16, "县": 17, "自治县": 8}


def test_seed_plan_regions() -> None:
    assert division("220581") == Division("220581", "梅河口市", "county", "220500")
    assert division("220500").name == "通化市"
    assert division("211300") == Division("211300", "朝阳市", "city", "210000")
    assert division("211321").name == "朝阳县"


def test_municipality_districts_attach_to_province() -> None:
    assert division("110101") == Division("110101", "东城区", "county", "110000")
    assert all(d.level == "county" for d in children("110000"))
    assert {d.parent for d in divisions() if d.code.startswith("50") and d.level == "county"} == {"500000"}
    assert "110100" not in {d.code for d in divisions()}


def test_province_administered_county_level_cities() -> None:
    assert division("429004") == Division("429004", "仙桃市", "county", "420000")
    assert division("419001").parent == "410000"  # 济源市
    assert division("659001").parent == "650000"  # 石河子市
    assert "429000" not in {d.code for d in divisions()}


def test_prefecture_cities_without_counties() -> None:
    for code, name in [("441900", "东莞市"), ("442000", "中山市"), ("620200", "嘉峪关市")]:
        assert division(code) == Division(code, name, "city", code[:2] + "0000")
        assert children(code) == []


def test_ancestors_outermost_first() -> None:
    assert [d.code for d in ancestors("220581")] == ["220000", "220500"]
    assert [d.code for d in ancestors("429004")] == ["420000"]
    assert ancestors("220000") == []


def test_unknown_code() -> None:
    with pytest.raises(KeyError, match="999999"):
        division("999999")
    with pytest.raises(KeyError):
        children("2205")
    with pytest.raises(KeyError):
        ancestors("")


def test_divisions_returns_a_copy() -> None:
    first = divisions()
    first.clear()
    assert len(divisions()) > 3000


def test_codes_within_a_region_reach_its_counties():
    jilin = codes_within("220000")
    assert {"220000", "220100", "220581"} <= jilin and "210000" not in jilin
    assert len(jilin) == 1 + len(children("220000")) + sum(len(children(c.code)) for c in children("220000"))
    assert codes_within("220581") == {"220581"}  # a county has nothing below it
    assert codes_within("999999") == {"999999"}  # an unknown code stands for itself
