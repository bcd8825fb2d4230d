"""The engine's public API: shape of the report, scoring, caps, suggestions, and traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from civictalent.healthcheck.engine import (
    CATEGORIES,
    DocumentFacts,
    Report,
    apply_suggestion,
    check,
)
from civictalent.healthcheck.engine.rules import RuleError, load_rules, quoted_mention
from civictalent.healthcheck.engine.scoring import ceilings, score_without
from civictalent.healthcheck.engine.text import analyse, lemma_candidates

GOOD_ADVERT = """# Data Analyst

## About the job
You will turn the council's data into clear evidence that helps us plan services for the
250,000 people who live in the borough. You will work with social workers, planners and
housing officers so that their decisions rest on good numbers.

## What you will do
- Build dashboards in Power BI so that managers can see demand as it changes.
- Clean and join data from our housing and benefits systems to find people who need help early.
- Explain your findings to councillors and residents in plain words.
- Help colleagues learn to use data with confidence.

## What you need
- You can write SQL and use Python or R to analyse data.
- You can explain numbers to people who are not analysts.
- You care about using personal data safely and lawfully.

## What we offer
- £42,000 to £46,500 a year, including London weighting.
- 36 hours a week, with flexible working, part-time and job share welcome.
- Hybrid working: usually two days a week in our Woolwich office.
- 27 days of annual leave, a local government pension and paid time to learn.

## How to apply
Apply online with a CV and a short statement. The closing date is 14 March at 23:59.
Tell us about any adjustments you need to apply or at interview and we will make them.
We welcome applications from everyone and we are a Disability Confident employer, committed
to equality and diversity.
"""


def rules_fired(report: Report) -> set[str]:
    return {finding.rule for finding in report.findings}


def test_categories_are_in_the_agreed_order() -> None:
    assert [key for key, _ in CATEGORIES] == [
        "pay",
        "skills",
        "inclusive",
        "realism",
        "plain_english",
        "structure",
        "hygiene",
    ]


def test_a_good_advert_scores_high_with_no_warnings() -> None:
    report = check(GOOD_ADVERT)
    serious = [f for f in report.findings if f.severity != "advice"]
    assert serious == [], serious
    assert report.score >= 95
    assert report.caps == ()
    assert list(report.categories) == [key for key, _ in CATEGORIES]


def test_as_json_has_the_exact_shape() -> None:
    payload = check("The postholder will utilise SharePoint.").as_json()
    assert set(payload) == {"score", "categories", "findings"}
    assert set(payload["categories"]["pay"]) == {"label", "score", "findings"}
    assert payload["findings"]
    for finding in payload["findings"]:
        assert set(finding) == {
            "rule",
            "category",
            "severity",
            "message",
            "suggestion",
            "start",
            "end",
            "excerpt",
        }


@pytest.mark.parametrize("text", ["", " ", "\n\n\t", "\x00\ufffd", "£", "|||", "- \n- \n", "Â£"])
def test_any_string_gives_a_report(text: str) -> None:
    report = check(text)
    assert 0 <= report.score <= 100
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.excerpt


def test_empty_text_scores_zero_and_says_why() -> None:
    report = check("")
    assert report.score == 0
    assert report.caps == ("There is no text to check, so the score is 0.",)
    assert report.word_count == 0


def test_no_pay_caps_the_score_at_60() -> None:
    without_pay = GOOD_ADVERT.replace("£42,000 to £46,500 a year, including London weighting.", "")
    report = check(without_pay)
    assert "pay.no_pay_figure" in rules_fired(report)
    assert report.score == 60
    assert report.caps == ("No pay is stated, so the score is capped at 60.",)


def test_no_text_layer_caps_the_score_at_20() -> None:
    report = check(GOOD_ADVERT, DocumentFacts(has_text_layer=False))
    assert report.score == 20
    assert "hygiene.no_text_layer" in rules_fired(report)


def test_layout_tables_and_images_are_hygiene_findings() -> None:
    report = check(GOOD_ADVERT, DocumentFacts(has_layout_tables=True, image_count=2))
    assert {"hygiene.layout_tables", "hygiene.images"} <= rules_fired(report)
    assert report.categories["hygiene"].score == 100 - 10 - 3


def test_scoring_is_deterministic_and_explained() -> None:
    first, second = check(GOOD_ADVERT), check(GOOD_ADVERT)
    assert first == second
    assert "weighted average" in first.explanation
    assert sum(result.weight for result in first.categories.values()) == 100


def test_findings_are_sorted_by_start_then_severity() -> None:
    report = check("The postholder will utilise data.\nThe chairman will utilise it too.")
    keys = [(f.start, ["error", "warning", "advice"].index(f.severity)) for f in report.findings]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    "trap",
    [
        "You will work as an analyst in our analytics team.",
        "We are a data-driven council and you will support decision-making.",
        "You will report to the digital committee each quarter.",
        "You will look after SharePoint and Active Directory.",
        "Your responsibilities include children's services data.",
        "You will coach team members and new members of staff.",
        "You will help young people's services use data well.",
        "You will work with our Delivery Manager on agile delivery.",
        "You will keep sensitive data safe and deploy code to production.",
    ],
)
def test_false_positive_traps_are_not_flagged(trap: str) -> None:
    report = check(trap)
    passage_findings = [f for f in report.findings if f.end > f.start]
    assert passage_findings == []


def test_members_in_the_council_sense_is_flagged() -> None:
    report = check("You will prepare reports for Members and attend meetings with them.")
    finding = next(f for f in report.findings if f.rule == "skills.council_members")
    assert finding.excerpt == "Members"


def test_lemma_matching_finds_inflected_forms_only() -> None:
    assert "utilise" in lemma_candidates("utilising")
    assert "chairman" not in lemma_candidates("chairmanship")
    assert "analyse" not in lemma_candidates("analyst")
    assert "commit" not in lemma_candidates("committee")
    report = check("We utilised three systems and the chairmen agreed.")
    assert {"plain_english.wordy_phrase", "inclusive.gendered_term"} <= rules_fired(report)


def test_bullets_are_split_into_sentences_before_readability() -> None:
    bullets = "\n".join(f"- Look after system number {n} for the council" for n in range(12))
    analysis = analyse(bullets)
    assert len(analysis.sentences) == 12
    assert all(sentence.word_count <= 9 for sentence in analysis.sentences)
    assert "plain_english.long_sentence" not in rules_fired(check(bullets))


def test_unexplained_acronyms_are_flagged_once_and_explained_ones_are_not() -> None:
    report = check(
        "The CMDB is updated by the DMT. The CMDB matters. Our Senior Leadership Team (SLT) meets."
    )
    acronyms = [f.excerpt for f in report.findings if f.rule == "skills.unexplained_acronym"]
    assert acronyms == ["CMDB", "DMT"]
    assert "SLT" not in acronyms


def test_a_heading_in_capitals_run_into_its_line_is_no_acronym() -> None:
    """Seen on the GDS business analyst JD: "SETTING DIRECTION" was flagged as an acronym."""
    text = "SETTING DIRECTION Seeing the big picture, and how it changes. We keep the CMDB."
    acronyms = [f.excerpt for f in check(text).findings if f.rule == "skills.unexplained_acronym"]
    assert acronyms == ["CMDB"]


def test_gender_balance_is_advice_not_a_verdict() -> None:
    text = "You are ambitious, competitive, assertive and decisive, a confident leader."
    finding = next(f for f in check(text).findings if f.rule == "inclusive.gender_coded_balance")
    assert finding.severity == "advice"
    assert finding.start == finding.end == 0


def test_apply_suggestion_swaps_and_keeps_capitals() -> None:
    text = "Chairman of the panel. We utilise data. The postholder will lead."
    report = check(text)
    chairman = next(f for f in report.findings if f.rule == "inclusive.gendered_term")
    assert chairman.replacement == "Chair"
    changed = apply_suggestion(text, chairman.rule, chairman.start, chairman.end)
    assert changed.startswith("Chair of the panel.")
    reader = next(f for f in report.findings if f.rule == "plain_english.third_person_reader")
    assert apply_suggestion(text, reader.rule, reader.start, reader.end).endswith("You will lead.")
    utilise = next(f for f in report.findings if f.rule == "plain_english.wordy_phrase")
    assert "We use data." in apply_suggestion(text, utilise.rule, utilise.start, utilise.end)


def test_applying_a_suggestion_moves_the_score_up() -> None:
    text = GOOD_ADVERT.replace("Explain your findings", "Utilise your findings")
    before = check(text)
    finding = next(f for f in before.findings if f.replacement)
    after = check(apply_suggestion(text, finding.rule, finding.start, finding.end))
    assert after.categories["plain_english"].score > before.categories["plain_english"].score


def test_apply_suggestion_refuses_stale_or_unswappable_spans() -> None:
    text = "We utilise data."
    with pytest.raises(ValueError, match="no longer matches"):
        apply_suggestion("We really use data.", "plain_english.wordy_phrase", 3, 10)
    with pytest.raises(ValueError, match="no one-click replacement"):
        apply_suggestion(text, "plain_english.long_sentence", 0, 5)
    with pytest.raises(ValueError, match="no rule called"):
        apply_suggestion(text, "nonsense.rule", 0, 5)
    with pytest.raises(ValueError, match="outside the text"):
        apply_suggestion(text, "plain_english.wordy_phrase", 3, 99)


def test_discriminatory_wording_must_change_and_cites_the_equality_act() -> None:
    cited = {
        "We are a young and dynamic team.": ("inclusive.ageist", "Age", "section/5"),
        "You must be a native English speaker.": ("inclusive.native_speaker", "Race", "/9"),
        "He will manage the data team.": ("inclusive.postholder_pronoun", "Sex", "/11"),
        "You must have your own car.": ("inclusive.own_car", "Disability", "/6"),
    }
    for text, (rule, characteristic, section) in cited.items():
        finding = next(f for f in check(text).findings if f.rule == rule)
        assert finding.severity == "must_change", text
        assert f"{characteristic}" in finding.message and "Equality Act 2010" in finding.message
        assert finding.source_url.startswith("https://www.legislation.gov.uk/ukpga/2010/15/")
        assert finding.source_url.endswith(section)


def test_a_must_change_rule_without_a_characteristic_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        "rules:\n"
        "  - {id: x.y, category: inclusive, severity: must_change, match: {regex: 'a'},\n"
        "     message: m, suggestion: s, source: s}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match="names the Equality Act 2010 characteristic"):
        load_rules(tmp_path)


def test_quoted_examples_of_wording_are_mentions_and_scare_quotes_are_uses() -> None:
    mention = 'We no longer write phrases such as "young and dynamic" in our adverts.'
    denied = 'We are not a "work hard, play hard" organisation.'
    used = 'We have a "work hard, play hard" culture and want a "digital native".'
    assert not {f.rule for f in check(mention).findings} & {"inclusive.ageist"}
    assert "inclusive.pressure_culture" not in {f.rule for f in check(denied).findings}
    fired = {f.rule for f in check(used).findings}
    assert {"inclusive.pressure_culture", "inclusive.ageist"} <= fired
    start = mention.index("young")
    assert quoted_mention(mention, start, start + 5)


def test_own_car_is_not_flagged_when_the_job_needs_driving() -> None:
    assert "inclusive.own_car" in {f.rule for f in check("You need your own car.").findings}
    needs = "You will make site visits across London. You need your own car."
    assert "inclusive.own_car" not in {f.rule for f in check(needs).findings}


def test_framework_acronyms_are_spelled_out_in_one_click_in_the_sentence_case() -> None:
    text = "You will build reports in Power BI. BI tools matter, and so does our BI team."
    findings = [f for f in check(text).findings if f.rule == "skills.framework_acronym"]
    assert [f.excerpt for f in findings] == ["BI"]  # once, and not the product's "BI"
    first = findings[0]
    assert first.replacement == "Business intelligence (BI)"  # it starts a sentence
    assert apply_suggestion(text, first.rule, first.start, first.end).startswith(
        "You will build reports in Power BI. Business intelligence (BI) tools"
    )
    middle = "We use MI reports."
    finding = next(f for f in check(middle).findings if f.rule == "skills.framework_acronym")
    assert finding.replacement == "management information (MI)"
    assert "skills.unexplained_acronym" not in {f.rule for f in check(middle).findings}


def test_the_worth_of_a_fix_and_the_ceilings_on_the_score() -> None:
    report = check("We want a young team. You will utilise data.")
    assert ceilings(report.findings) == (
        "Pay is missing, so the score cannot go above 60 until you add the salary.",
    )
    no_pay = next(i for i, f in enumerate(report.findings) if f.rule == "pay.no_pay_figure")
    assert score_without(report.findings, no_pay, report.word_count) > report.score
