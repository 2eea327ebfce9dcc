"""Tokens for the index and the query, across scripts."""

from __future__ import annotations

from firstline.search.text import index_text, parse_query


def test_latin_is_folded_and_stripped_of_diacritics() -> None:
    assert index_text("Tôi đã nạp 500 USDT, chưa nhận được!") == (
        "toi da nap 500 usdt chua nhan duoc"
    )
    assert index_text("Yatırma İŞLEMİ gelmedi") == "yatirma islemi gelmedi"


def test_spaceless_scripts_are_cut_into_words() -> None:
    assert index_text("出金が保留中です").split()[0] == "出金"
    thai = index_text("การถอนเงินของฉันค้างอยู่")
    assert "ถอน" in thai.split() and "เงิน" in thai.split()
    assert "交易" in index_text("交易哈希已经附上").split()


def test_thai_vowel_marks_are_kept() -> None:
    assert "ชั่วโมง" in index_text("สามชั่วโมงแล้ว").split()


def test_query_groups() -> None:
    q = parse_query("充值 nạp tiền")
    assert q.groups == (("充", "值"), ("nap",), ("tien",))
    assert q.fts5() == '"充 值" AND "nap" AND "tien"'
    assert q.tsquery() == "('充' <-> '值') & 'nap' & 'tien'"
    assert parse_query("出金 保留中").groups[0] == ("出金",)
    assert parse_query(" ,.!? ").groups == ()


def test_query_quotes_are_escaped() -> None:
    q = parse_query("it's")
    assert "'" not in q.fts5().replace('"', "") or q.fts5().count('"') % 2 == 0
    assert q.tsquery().count("'") % 2 == 0
