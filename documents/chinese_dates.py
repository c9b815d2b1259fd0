"""Dates and small numbers in Chinese, as court documents write them.

Per 最高人民法院《人民法院民事裁判文书制作规范》/ 诉讼文书样式 (2016): the date under a document (落款) is written
in Chinese numerals — years digit by digit with 〇, months and days as numbers (二〇二四年五月一日,
二〇二四年十二月三十一日) — while dates inside the body are written in Arabic numerals (2024年5月1日).
Both directions are provided; the parser also accepts ○ (U+25CB) and 零 for the year's zero, as typed by hand.
"""
import datetime as dt
import re

NUMERALS = "〇一二三四五六七八九"
_ZERO_VARIANTS = str.maketrans({"○": "〇", "零": "〇"})


def chinese_number(n: int) -> str:
    """0 ≤ n < 100 as read: 5 → 五, 10 → 十, 15 → 十五, 20 → 二十, 31 → 三十一 (days, months, counts)."""
    if not 0 <= n < 100:
        raise ValueError(f"only 0–99: {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return NUMERALS[ones]
    return ("" if tens == 1 else NUMERALS[tens]) + "十" + (NUMERALS[ones] if ones else "")


def parse_chinese_number(text: str) -> int:
    """Inverse of `chinese_number`: 十五 → 15, 二十 → 20, 三十一 → 31, 五 → 5."""
    text = text.translate(_ZERO_VARIANTS)
    if not text or any(c not in NUMERALS + "十" for c in text) or text.count("十") > 1:
        raise ValueError(f"not a Chinese number: {text!r}")
    if "十" not in text:
        if len(text) != 1:
            raise ValueError(f"not a Chinese number: {text!r}")
        return NUMERALS.index(text)
    tens_text, _, ones_text = text.partition("十")
    if len(tens_text) > 1 or len(ones_text) > 1 or tens_text == "〇" or ones_text == "〇" or tens_text == "一":
        raise ValueError(f"not a Chinese number: {text!r}")
    return (NUMERALS.index(tens_text) if tens_text else 1) * 10 + (NUMERALS.index(ones_text) if ones_text else 0)


def chinese_date(day: dt.date) -> str:
    """2024-05-01 → 二〇二四年五月一日 (the 落款 of a document)."""
    year = "".join(NUMERALS[int(d)] for d in f"{day.year:04d}")
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def arabic_date(day: dt.date) -> str:
    """2024-05-01 → 2024年5月1日 (dates in a document's body)."""
    return f"{day.year}年{day.month}月{day.day}日"


_CHINESE_DATE = re.compile(r"^([〇一二三四五六七八九]{4})年([〇一二三四五六七八九十]{1,3})月([〇一二三四五六七八九十]{1,3})日$")
_ARABIC_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def parse_chinese_date(text: str) -> dt.date:
    """二〇二四年五月一日 or 2024年5月1日 → date(2024, 5, 1); ValueError for anything else (incl. 2月30日)."""
    text = "".join((text or "").split()).translate(_ZERO_VARIANTS)
    if match := _ARABIC_DATE.match(text):
        return dt.date(*(int(g) for g in match.groups()))
    if match := _CHINESE_DATE.match(text):
        year = int("".join(str(NUMERALS.index(c)) for c in match.group(1)))
        return dt.date(year, parse_chinese_number(match.group(2)), parse_chinese_number(match.group(3)))
    raise ValueError(f"not a date: {text!r}")
