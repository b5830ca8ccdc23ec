"""The theme taxonomy: shipped, replaceable, and scored by keywords."""

from __future__ import annotations

import pytest

from summarylens.errors import TaxonomyError
from summarylens.themes import classify, load_taxonomy

SHIPPED = {
    "labour_competition", "model_workers", "democratic_management", "collective_contracts",
    "assistance_welfare", "skills_learning", "women_workers", "culture_sports", "union_building",
    "political_study", "safety_health", "rights_protection", "other",
}  # fmt: skip


def test_shipped_taxonomy_has_the_union_themes_with_labels():
    taxonomy = load_taxonomy()
    assert {theme.key for theme in taxonomy} == SHIPPED
    assert all(theme.label and theme.label_en for theme in taxonomy)
    assert all(theme.keywords for theme in taxonomy if theme.key != "other")


@pytest.mark.parametrize(
    "heading, body, theme",
    [
        ("（一）深化“安康杯”竞赛", "开展隐患排查128次。", "safety_health"),
        ("——召开五届三次职代会", "审议通过集体合同草案。", "democratic_management"),
        ("（四）关爱女职工", "组织女职工“两癌”筛查1200人。", "women_workers"),
        ("二、下半年工作安排", "", "other"),
    ],
)
def test_keyword_classification(heading, body, theme):
    assert classify(heading, body, load_taxonomy()) == theme


def test_a_heading_naming_a_theme_outweighs_the_body_for_the_model():
    """The model reads a union's women-workers heading with a body about jobs fairs
    as whatever the body says; the heading's own keyword decides instead."""
    from summarylens.themes import load_model, model_theme

    model = load_model()
    assert model is not None
    body = "举办招聘会12场，新增就业1.2万人，城镇登记失业率控制在3%以内，发放稳岗返还资金。" * 3
    assert model_theme(model, "（四）女职工工作", body, load_taxonomy()) == "women_workers"
    assert model_theme(model, "（一）扎实推进重点工作", body, load_taxonomy()) == "other"


def test_user_taxonomy_replaces_the_shipped_one(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[roads]\nlabel = "道路建设"\nkeywords = ["公路", "桥梁"]\n', encoding="utf-8")
    taxonomy = load_taxonomy(str(path))
    assert [theme.key for theme in taxonomy] == ["roads", "other"]
    assert classify("（一）交通建设", "新建公路12公里。", taxonomy) == "roads"


@pytest.mark.parametrize(
    "content, detail",
    [("[roads]\nkeywords = []\n", "each theme needs a label"), ("not toml [", "TOMLDecodeError")],
)
def test_bad_taxonomy_is_a_named_error(tmp_path, content, detail):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=detail):
        load_taxonomy(str(path))
