"""Travel files as the police and rail offices send them: Chinese headers (身份证号码,姓名,出行方式,出行日期,行程,座位等级)
and Chinese modes (飞机 / 铁路 / 出境 / 轮船), the English codes still accepted; a template to download."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sanctions.models import TravelRecord
from sanctions.travel import travel_import
from tests.factories import make_resident_id

pytestmark = pytest.mark.django_db


def test_chinese_headers_and_modes_in_any_order_are_read(court, judge):
    person = make_resident_id()
    text = ("姓名,身份证号码,出行日期,出行方式,行程,座位等级,备注\n"
            f"徐某,{person},2023-07-05,飞机,CZ3456 南昌—曼谷,经济舱,x\n"
            f"徐某,{person},2023-08-01,铁路,G1502 南昌西—北京西,二等座,\n"
            f"徐某,{person},2023-08-09,轮船,九江—武汉,二等舱,\n"
            f"徐某,{person},2023-09-12,rail,D6501 南昌—九江,二等座,\n")
    result = travel_import(court=court, actor=judge,
                                   upload=SimpleUploadedFile("出行.csv", text.encode("gbk")))
    assert result.ok, result.rejected
    assert sorted(TravelRecord.objects.values_list("mode", flat=True)) == ["flight", "rail", "rail", "ship"]


def test_an_unknown_mode_is_named_in_chinese(court, judge):
    text = f"身份证号码,姓名,出行方式,出行日期,行程,座位等级\n{make_resident_id()},徐某,骑马,2023-07-05,南昌,\n"
    result = travel_import(court=court, actor=judge, upload=SimpleUploadedFile("x.csv", text.encode()))
    assert not result.ok and "飞机、铁路、轮船或出境" in str(result.rejected[0]["errors"]["mode"])


def test_the_template_has_the_chinese_headers_and_reads_back(client, judge):
    client.force_login(judge)
    response = client.get(reverse("sanctions:travel-template"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == ["身份证号码", "姓名", "出行方式", "出行日期", "行程", "座位等级"]
    assert sheet["C2"].value == "飞机"
    page = client.get(reverse("sanctions:travel-import")).content.decode()
    assert reverse("sanctions:travel-template") in page and "身份证号码,姓名,出行方式" in page
