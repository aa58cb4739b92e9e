import pytest
from django.core.exceptions import ValidationError

from bijiang_social.personal_data import (
    mask_id_number,
    mask_mobile,
    mask_name,
    resident_id_check_char,
    validate_mobile,
    validate_resident_id,
)

# 11010519491231002X is the worked example of GB 11643-1999.
VALID_IDS = ["11010519491231002X", "522201199001011230"]


def test_the_check_character_follows_gb_11643():
    assert resident_id_check_char("11010519491231002") == "X"


@pytest.mark.parametrize("number", VALID_IDS + ["11010519491231002x", " 522201199001011230 "])
def test_valid_ids_pass(number):
    validate_resident_id(number)


@pytest.mark.parametrize(
    "number, words",
    [
        ("52220119900101123", "18位"),
        ("5222011990010112A6", "18位"),
        ("522201199013011236", "出生日期"),
        ("522201199001011237", "校验位"),
    ],
)
def test_bad_ids_get_a_chinese_message_saying_what_is_wrong(number, words):
    with pytest.raises(ValidationError) as excinfo:
        validate_resident_id(number)
    assert words in excinfo.value.messages[0]


def test_mobile_numbers_must_be_eleven_digits_starting_with_1():
    validate_mobile("138 0000 0000")
    for bad in ["1380000000", "23800000000", "1380000000a", ""]:
        with pytest.raises(ValidationError, match="11位"):
            validate_mobile(bad)


def test_masks_hide_the_middle():
    assert mask_id_number("522201199001011230") == "522201********1230"
    assert mask_id_number("522201199001011230", keep_start=4, keep_end=2) == "5222************30"
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("李") == "李*"


def test_full_width_digits_typed_on_a_chinese_keyboard_are_read_as_plain_digits():
    from bijiang_social.personal_data import normalise_mobile, normalise_resident_id

    validate_resident_id("５２２２０１１９９００１０１１２３０")
    validate_mobile("１３８００００００００")
    assert normalise_resident_id("５２２２０１１９９００１０１１２３ｘ") == "52220119900101123X"
    assert normalise_mobile("１３８ ００００ ００００") == "13800000000"


def test_digits_of_other_scripts_are_refused():
    with pytest.raises(ValidationError):
        validate_mobile("١٣٨٠٠٠٠٠٠٠٠")
