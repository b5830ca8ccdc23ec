"""Output files appear whole or not at all."""

from __future__ import annotations

import pytest

from summarylens.files import write_atomic


def test_write_atomic_replaces_the_file(tmp_path):
    target = tmp_path / "out" / "report.json"
    write_atomic(target, "旧")
    write_atomic(target, "新的内容")
    assert target.read_text("utf-8") == "新的内容"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("完整的旧文件", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "坏字符\udc80")
    assert target.read_text("utf-8") == "完整的旧文件"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]
