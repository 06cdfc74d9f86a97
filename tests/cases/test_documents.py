"""Every document renders from cases of each kind, with the right Chinese text, no missing
glyph (any WeasyPrint warning fails), masked ID numbers, and a sane number of pages."""

from decimal import Decimal

import pytest
from django.utils import timezone

from cases.documents import catalog, charts, labels
from cases.documents.common import rmb_upper, zh_date
from cases.documents.dossier import render_dossier
from cases.documents.pairing import visit_schedule
from cases.documents.render import DocumentRenderError, render
from cases.documents.year_report import render_year_report
from cases.models import (
    Beneficiary,
    ClaimType,
    CourtDecision,
    Decision,
    FarmingMode,
    FollowUp,
    HardshipType,
    Kind,
    Outcome,
    Relief,
    Season,
    Status,
)
from tests.cases.documents_support import (  # noqa: F401 - fixtures
    cases_fixture,
    compact,
    documents_beneficiaries_fixture,
    pdf_text,
)

pytestmark = pytest.mark.django_db


def clean(rendered, max_pages):
    assert rendered.warnings == []
    assert rendered.pdf.startswith(b"%PDF-")
    assert 1 <= rendered.pages <= max_pages
    return compact(pdf_text(rendered.pdf))


def test_court_packet_states_the_relief_its_ground_and_the_evidence(cases):
    ar = cases.fee_waiver
    text = clean(catalog.render_letter("court-packet", ar, strict=True), max_pages=5)
    assert "减交诉讼费用申请书" in text
    assert "欧阳·秀英" in text
    assert "烈士遗属" in text
    assert "3,850.00元" in text  # the fee
    assert "减交50%" in text and "1,925.00元" in text  # the relief sought
    assert "人民币壹仟玖佰贰拾伍元整" in text
    assert "第四十六条第（二）项" in text and "属于国家规定的优抚、安置对象的" in text
    assert "《诉讼费用交纳办法》（国务院令第481号）" in text
    assert "临溪县人民法院" in text
    for evidence in ("户口簿复印件", "优抚证复印件", "村（社区）出具的家庭经济困难证明"):
        assert evidence in text
    assert "司法救助证明材料清单" in text and "情况说明" in text


def test_court_packet_masks_the_id_number_unless_revealed(cases):
    ar = cases.fee_waiver
    full = ar.beneficiary.reveal_id_number()
    masked = compact(pdf_text(catalog.render_letter("court-packet", ar).pdf))
    assert full not in masked
    assert ar.beneficiary.id_number_masked in masked
    revealed = compact(pdf_text(catalog.render_letter("court-packet", ar, reveal=True).pdf))
    assert full in revealed


def test_reveal_only_reaches_the_court_packet(cases):
    ar = cases.one_on_one
    full = ar.beneficiary.reveal_id_number()
    text = compact(pdf_text(catalog.render_letter("approval-notice", ar, reveal=True).pdf))
    assert full not in text


def test_approval_notice_names_the_help_and_both_sign_offs(cases, approver, leader):
    ar = cases.one_on_one
    text = clean(catalog.render_letter("approval-notice", ar, strict=True), max_pages=3)
    assert "准予帮扶通知书" in text and "王建国同志" in text
    assert "茶园改造与春茶加工" in text
    assert "资金帮扶6,000.00元" in text
    assert approver.full_name in text and leader.full_name in text
    assert "一级审批" in text and "二级审批" in text
    assert "临溪县双拥工作领导小组办公室" in text
    assert f"临双拥准〔{timezone.localdate().year}〕{ar.pk}号" in text


def test_fee_waiver_approval_notice_says_the_court_decides(cases):
    text = clean(catalog.render_letter("approval-notice", cases.fee_waiver), max_pages=3)
    assert "由人民法院依法决定" in text
    assert "第四十六条第（二）项" in text


def test_rejection_notice_states_its_reasons(cases, approver):
    ar = cases.rejected
    text = clean(catalog.render_letter("rejection-notice", ar, strict=True), max_pages=3)
    assert "不予帮扶通知书" in text and "张德胜同志" in text
    assert "不予帮扶的理由" in text
    assert "不属于缺劳家庭" in text
    assert approver.full_name in text and "不同意" in text
    assert "复核" in text


def test_work_order_lists_the_job_the_team_and_a_confirmation(cases, team_a, volunteer):
    ar = cases.farming_help
    text = clean(catalog.render_letter("work-order", ar, strict=True), max_pages=3)
    detail = ar.farming_help
    assert "帮耕帮种派工单" in text and "秋收秋种" in text
    assert "李桂兰" in text and ar.beneficiary.address in text
    assert "水稻、油菜" in text and "3.5亩" in text
    assert "收割水稻、翻耕、播种油菜" in text
    assert f"{zh_date(detail.window_start)}至{zh_date(detail.window_end)}" in text
    assert team_a.name in text and volunteer.full_name in text
    assert "农户确认" in text and "农户签字" in text


def test_pairing_agreement_has_parties_term_visits_and_targets(cases, team_a):
    ar = cases.one_on_one
    text = clean(catalog.render_letter("pairing-agreement", ar, strict=True), max_pages=4)
    detail = ar.one_on_one
    assert "一助一结对帮扶协议书" in text
    assert f"甲方（帮扶方）：{team_a.name}" in text
    assert "乙方（受助方）：王建国" in text
    assert "茶园改造与春茶加工" in text
    assert "资金帮扶" in text and "劳力帮扶" in text and "技术帮扶" in text
    assert f"{zh_date(detail.term_start)}至{zh_date(detail.term_end)}" in text
    assert "每30天" in text and "第12次" in text
    assert "年内茶叶收入增加三千元以上" in text


def test_letters_apply_to_the_right_cases(cases):
    def slugs(ar):
        return {letter.slug for letter in catalog.letters_for(ar)}

    assert slugs(cases.fee_waiver) == {"court-packet", "approval-notice"}
    assert slugs(cases.one_on_one) == {"approval-notice", "pairing-agreement"}
    assert slugs(cases.farming_help) == {"approval-notice", "work-order"}
    assert slugs(cases.rejected) == {"rejection-notice"}


@pytest.mark.parametrize("kind", ["fee_waiver", "one_on_one", "farming_help", "rejected"])
def test_dossier_of_every_kind(cases, kind, approver):
    ar = getattr(cases, kind)
    steps = []
    rendered = render_dossier(ar, progress=lambda percent, step: steps.append(percent))
    text = clean(rendered, max_pages=14)
    assert rendered.pages >= 5  # cover, contents, sections
    assert "双拥帮扶工作案卷" in text and "目录" in text
    for _anchor, title in (
        ("request", "一、申请受理"),
        ("timeline", "八、全程记录"),
        ("integrity", "九、记录完整性校验"),
    ):
        assert title in text
    assert ar.beneficiary.name in text
    assert approver.full_name in text
    assert "受理申请" in text and "调查核实" in text  # timeline entries
    assert ar.beneficiary.reveal_id_number() not in text
    assert "校验结果：完整" in text
    assert steps == sorted(steps) and steps[-1] >= 90


def test_dossier_contents_give_page_numbers(cases):
    rendered = render_dossier(cases.fee_waiver)
    contents = pdf_text(rendered.pdf).split("\f")[1]  # page 2
    line = next(line for line in contents.splitlines() if "九、记录完整性校验" in line)
    assert line.rstrip().endswith(str(rendered.pages))  # the last section is on the last page


def test_dossier_shows_a_broken_history(cases, monkeypatch):
    from cases import chain

    broken = chain.Report(
        ok=False, checked=3, broken_event_id=42, expected="a" * 64, found="b" * 64
    )
    monkeypatch.setattr(chain, "verify_case", lambda ar: broken)
    text = compact(pdf_text(render_dossier(cases.fee_waiver).pdf))
    assert "记录链断裂" in text and "第42号记录" in text
    assert "校验结果：完整" not in text


def test_dossier_without_activity_says_none_recorded(cases):
    text = compact(pdf_text(render_dossier(cases.rejected).pdf))
    assert "无派单记录" in text and "无服务记录" in text and "尚未结案" in text


def test_year_report_counts_times_and_charts(cases, areas):
    year = timezone.localdate().year
    rendered = render_year_report(areas.county, year)
    text = clean(rendered, max_pages=8)
    assert f"临溪县{year}年度双拥帮扶工作统计报告" in text
    assert "共受理双拥帮扶申请4件" in text
    assert "已结案2件" in text
    assert "各环节用时" in text and "调查核实" in text
    assert "回访完成率" in text and "按期办结率" in text
    assert "15.5" in text  # volunteer hours: 3.5 + 12
    assert rendered.pdf.count(b"/Subtype /Image") == 0  # charts are vector drawings


def test_year_report_of_an_empty_year(areas):
    rendered = render_year_report(areas.county, 2001)
    text = clean(rendered, max_pages=6)
    assert "共受理双拥帮扶申请0件" in text and "本年度无服务记录" in text


def test_missing_glyphs_are_caught(tmp_path, settings):
    (tmp_path / "glyph.html").write_text(
        "<html><body style=\"font-family: 'Noto Serif CJK SC'\">\U0001f9ff 𓀀</body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    rendered = render("glyph.html", {})
    assert any(".notdef" in warning for warning in rendered.warnings)
    with pytest.raises(DocumentRenderError):
        render("glyph.html", {}, strict=True)


def test_documents_fetch_nothing_from_the_network(tmp_path, settings):
    (tmp_path / "remote.html").write_text('<img src="http://example.invalid/x.png">')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    rendered = render("remote.html", {})
    assert rendered.warnings  # refused, and said so


def test_every_choice_has_chinese_wording():
    pairs = [
        (labels.KIND, Kind),
        (labels.STATUS, Status),
        (labels.CATEGORY, Beneficiary.Category),
        (labels.GENDER, Beneficiary.Gender),
        (labels.RELIEF, Relief),
        (labels.CLAIM, ClaimType),
        (labels.COURT_DECISION, CourtDecision),
        (labels.HARDSHIP, HardshipType),
        (labels.SEASON, Season),
        (labels.FARMING_MODE, FarmingMode),
        (labels.DECISION, Decision.Outcome),
        (labels.RESULT, Outcome.Result),
    ]
    for mapping, choices in pairs:
        assert set(choices.values) <= set(mapping), choices
    assert set(FollowUp.Method.values) <= set(labels.FOLLOW_UP_METHOD)
    for relief in Relief:
        assert labels.legal_ground("", relief)[2] == labels.RELIEF[relief]


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1925", "人民币壹仟玖佰贰拾伍元整"),
        ("1250.50", "人民币壹仟贰佰伍拾元伍角整"),
        ("10005.07", "人民币壹万零伍元零柒分"),
        ("0.30", "人民币零元叁角整"),
        ("100000", "人民币壹拾万元整"),
    ],
)
def test_amounts_in_chinese_capitals(amount, words):
    assert rmb_upper(Decimal(amount)) == words


def test_visit_schedule_covers_the_term():
    from datetime import date

    visits = visit_schedule(date(2026, 1, 1), date(2026, 12, 31), 30)
    assert visits[0] == date(2026, 1, 31) and len(visits) == 12


def test_charts_escape_their_labels():
    svg = charts.bar_chart([("<script>", 3)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
