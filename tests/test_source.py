import codecs
from pathlib import Path

import pytest

from hanzi_annot import InputDecodeError, Line, PathAsTextError, decode_input, split_lines
from hanzi_annot.positions import LineIndex

PAGE = "泉州新增三家城市书房\n市民可凭身份证免费借阅。\n"


def test_text_is_returned_as_it_is():
    assert decode_input(PAGE) == PAGE


def test_leading_bom_of_text_is_not_part_of_the_text():
    assert decode_input("\ufeff" + PAGE) == PAGE


def test_text_with_encoding_is_refused():
    with pytest.raises(TypeError, match="encoding= applies to bytes"):
        decode_input(PAGE, encoding="gb18030")


@pytest.mark.parametrize("data", [PAGE.encode("utf-8"), b"\xef\xbb\xbf" + PAGE.encode("utf-8")])
def test_utf8_bytes_with_and_without_bom(data):
    assert decode_input(data) == PAGE


def test_bom_dropped_when_utf8_named_explicitly():
    data = b"\xef\xbb\xbf" + PAGE.encode("utf-8")
    assert decode_input(data, encoding="UTF8") == PAGE


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_gb_encodings_when_asked(encoding):
    assert decode_input(PAGE.encode(encoding), encoding=encoding) == PAGE


def test_gb_bytes_without_encoding_name_the_offset_and_the_option():
    data = "泉州\n书房".encode("gb18030")  # 泉 is C8 AA: valid UTF-8 by chance; 州 is not
    with pytest.raises(InputDecodeError) as caught:
        decode_input(data)
    message = str(caught.value)
    assert "byte D6 is not valid utf-8 at byte offset 2 (line 1)" in message
    assert 'encoding="gb18030"' in message
    assert isinstance(caught.value, UnicodeError)


def test_offset_of_a_bad_byte_later_in_the_input():
    data = "第一行\n第二行".encode() + b"\xff\xfe"
    with pytest.raises(
        InputDecodeError, match=r"byte FF is not valid utf-8 at byte offset 19 \(line 2\)"
    ):
        decode_input(data)


def test_bytes_invalid_in_the_named_encoding():
    with pytest.raises(
        InputDecodeError, match=r"not valid gbk at byte offset 2.*check the encoding="
    ):
        decode_input(b"ab\x80", encoding="gbk")


def test_truncated_multibyte_sequence_shows_its_bytes():
    with pytest.raises(InputDecodeError, match="bytes E5 9B are not valid utf-8"):
        decode_input("国".encode()[:2])


@pytest.mark.parametrize("encoding", ["no-such-codec", "base64", "rot13", "zlib"])
def test_unknown_or_bytes_only_encoding_is_a_decode_error(encoding: str):
    with pytest.raises(InputDecodeError, match="is no text encoding") as caught:
        decode_input(b"abc", encoding=encoding)
    assert caught.value.encoding == encoding
    assert caught.value.offset is None


def test_path_is_read_and_decoded(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE.encode("gb18030"))
    assert decode_input(page, encoding="gb18030") == PAGE
    with pytest.raises(InputDecodeError, match=r"page\.txt: "):
        decode_input(page)


def test_other_types_are_refused():
    with pytest.raises(TypeError, match="not int"):
        decode_input(12)  # type: ignore[arg-type]


def test_split_lines_keeps_offsets_for_every_line_ending():
    text = "标题\r\n正文一。\r正文二。\n\n正文三。"
    lines = split_lines(text)
    assert [line.number for line in lines] == [1, 2, 3, 4, 5]
    assert [line.text for line in lines] == ["标题", "正文一。", "正文二。", "", "正文三。"]
    for line in lines:
        assert text[line.start : line.end] == line.text
    index = LineIndex.of(text)
    assert [index.locate(line.start) for line in lines] == [(n, 1) for n in range(1, 6)]


def test_split_lines_of_empty_text_and_final_break():
    assert split_lines("") == ()
    assert len(split_lines("一行\n")) == 1


def test_line_helpers_keep_original_offsets():
    line = Line(3, 10, 19, "  城市 书房。  ")
    assert line.key == "城市书房。"
    assert not line.is_blank
    assert Line(1, 0, 2, " \u3000").is_blank
    stripped = line.strip()
    assert (stripped.start, stripped.end, stripped.text) == (12, 18, "城市 书房。")
    rest = stripped.drop_front(3)
    assert (rest.start, rest.text) == (15, "书房。")
    cut = stripped.cut_end(1)
    assert (cut.end, cut.text) == (17, "城市 书房")


def test_bad_byte_after_a_signature_is_named_where_it_is() -> None:
    data = codecs.BOM_UTF8 + "标题\n".encode() + b"\xb6\xe0\n"
    with pytest.raises(
        InputDecodeError, match=r"byte B6 is not valid utf-8 at byte offset 10 \(line 2\)"
    ):
        decode_input(data)


def test_bad_byte_line_counts_lone_cr_line_ends() -> None:
    with pytest.raises(InputDecodeError, match=r"\(line 3\)"):
        decode_input("标题\r正文\r".encode() + b"\xb6")


def test_decode_error_has_fields_a_caller_can_word_itself(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_bytes("第一行\n".encode() + b"\xff")
    with pytest.raises(InputDecodeError) as caught:
        decode_input(page)
    error = caught.value
    assert (error.encoding, error.offset, error.line) == ("utf-8", 10, 2)
    assert error.reason == "byte FF is not valid utf-8 at byte offset 10 (line 2)"
    assert error.hint == 'if the page is GB18030 or GBK, pass encoding="gb18030"'
    assert error.path == str(page)
    assert str(error) == f"{page}: {error.reason}; {error.hint}"


def test_a_str_naming_an_existing_file_is_refused(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("article.txt").write_text("标题\n正文。\n", encoding="utf-8")
    with pytest.raises(PathAsTextError, match=r"load\('article.txt'\)") as caught:
        decode_input("article.txt")
    assert isinstance(caught.value, ValueError)
    assert decode_input(Path("article.txt")) == "标题\n正文。\n"


@pytest.mark.parametrize("text", ["missing.txt", "国家.txt", "a\nb", "x\0y"])
def test_a_str_that_is_no_existing_file_name_is_text(tmp_path: Path, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    Path("国家.txt").write_text("正文", encoding="utf-8")  # has hanzi: always text
    assert decode_input(text) == text


def test_other_types_are_a_type_error():
    with pytest.raises(TypeError, match=r"expected text \(str\), bytes or a path"):
        decode_input(12)  # type: ignore[arg-type]
