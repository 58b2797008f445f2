"""GB 32100 check characters on published codes of real organisations and on corrupted copies.

The real codes are as published: Huawei Technologies Co., Ltd. 914403001922038216 (the 機構代碼 in
the infobox of zh.wikipedia.org/zh-hk/華爲); Alibaba (China) Network Technology Co., Ltd.
91330100716105852F, Beijing Baidu Netcom Science & Technology 91110000802100433B, SAIC Motor
91310000132260250X and East China Normal University 12100000425006133D (a public institution:
registration authority 1) as listed with their names in public repositories' reference data.
"""

from __future__ import annotations

import pytest

from tanda.enterprises import credit_code_problem, is_valid_credit_code, make_credit_code
from tanda.enterprises.creditcode import ALPHABET, check_character, organization_check_character

PUBLISHED = [
    "914403001922038216",  # 华为技术有限公司
    "91330100716105852F",  # 阿里巴巴（中国）网络技术有限公司
    "91110000802100433B",  # 北京百度网讯科技有限公司
    "91310000132260250X",  # 上海汽车集团股份有限公司
    "12100000425006133D",  # 华东师范大学 (事业单位)
]


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_codes_pass(code):
    assert credit_code_problem(code) is None
    assert is_valid_credit_code(code.lower())  # typed in lower case, read as upper case


@pytest.mark.parametrize("code", PUBLISHED)
def test_every_single_character_change_is_caught(code):
    for position in range(18):
        for replacement in ALPHABET:
            if replacement == code[position]:
                continue
            corrupted = code[:position] + replacement + code[position + 1 :]
            assert not is_valid_credit_code(corrupted), corrupted


@pytest.mark.parametrize("code", PUBLISHED)
def test_swapped_neighbours_are_caught(code):
    for i in range(17):
        if code[i] == code[i + 1]:
            continue
        swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
        assert not is_valid_credit_code(swapped), swapped


def test_problem_says_what_the_last_character_should_be():
    message = credit_code_problem("914403001922038217")
    assert "should be 6" in message and "not 7" in message


def test_length_and_forbidden_letters_are_named():
    assert "17 characters" in credit_code_problem("91440300192203821")
    assert "I" in credit_code_problem("91440300192203821I")  # I, O, S, V, Z are not in the alphabet


def test_organisation_code_check_of_published_codes():
    # positions 9–17 are a GB 11714 organisation code whose last character is its own check character
    for code in PUBLISHED:
        assert organization_check_character(code[8:16]) == code[16]


def test_made_up_codes_are_well_formed_and_carry_the_region():
    code = make_credit_code("220100", 90_000_001)
    assert is_valid_credit_code(code)
    assert code[2:8] == "220100"
    assert code[17] == check_character(code[:17])
    assert organization_check_character(code[8:16]) == code[16]
