"""A QTI 1.2 package for Canvas (classic quizzes), laid out as text2qti writes it.

The zip holds `imsmanifest.xml`, an empty `non_cc_assessments/` folder, and an
assessment folder with the questions (`<id>.xml`, a `questestinterop`) and the
quiz settings Canvas reads (`assessment_meta.xml`). Each item's ident and title
are the question id. Question texts are HTML made from the bank's plain text,
so markup in the bank shows literally. Canvas has no ordering question in
classic quizzes: `order` questions are left out, with the reason.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..model import (
    Bank,
    Cloze,
    Match,
    MultipleAnswer,
    MultipleChoice,
    Numeric,
    Question,
    ShortAnswer,
    TrueFalse,
    cloze_parts,
)
from ..present import html_text, label, prompt_text
from .base import ExportResult, Skipped, Unfit, dated_zip, feedback_lines, plain_number, prompt_with_unit

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
MANIFEST_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NAMESPACE = "http://canvas.instructure.com/xsd/cccv1p0"
CANVAS_TYPES = {
    "mcq": "multiple_choice_question",
    "multi": "multiple_answers_question",
    "truefalse": "true_false_question",
    "short": "short_answer_question",
    "numeric": "numerical_question",
    "cloze": "fill_in_multiple_blanks_question",
    "match": "matching_question",
}


def element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attributes)
    child.text = text
    return child


def as_html(text: str) -> str:
    """Plain text as a paragraph of the HTML Canvas shows."""
    return f"<p>{html_text(text)}</p>"


def material(parent: ET.Element, text: str, texttype: str = "text/html") -> None:
    element(element(parent, "material"), "mattext", text, texttype=texttype)


def metadata(item: ET.Element, question: Question, answer_ids: Sequence[str]) -> None:
    fields = element(element(item, "itemmetadata"), "qtimetadata")
    entries = {
        "question_type": CANVAS_TYPES[question.type],
        "points_possible": "1.0",
        "original_answer_ids": ",".join(answer_ids),
        "assessment_question_identifierref": f"{question.id}-ref",
    }
    for name, value in entries.items():
        field = element(fields, "qtimetadatafield")
        element(field, "fieldlabel", name)
        element(field, "fieldentry", value)


def choice_list(presentation: ET.Element, labels: Sequence[tuple[str, str]], cardinality: str) -> None:
    """The response_lid of a choice question, whose labels are (ident, text) pairs."""
    response = element(presentation, "response_lid", ident="response1", rcardinality=cardinality)
    render = element(response, "render_choice")
    for label_id, text in labels:
        material(element(render, "response_label", ident=label_id), as_html(text))


def condition(processing: ET.Element, score: str, action: str = "Set") -> ET.Element:
    """A respcondition that sets (or adds to) the score; returns its conditionvar to fill."""
    respcondition = element(processing, "respcondition", **({"continue": "No"} if action == "Set" else {}))
    variable = element(respcondition, "conditionvar")
    element(respcondition, "setvar", score, action=action, varname="SCORE")
    return variable


def start_processing(item: ET.Element, has_feedback: bool) -> ET.Element:
    processing = element(item, "resprocessing")
    element(element(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if has_feedback:
        general = element(processing, "respcondition", **{"continue": "Yes"})
        element(element(general, "conditionvar"), "other")
        element(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    return processing


def choices_item(item: ET.Element, question: MultipleChoice | MultipleAnswer | TrueFalse, lang: str, feedback: bool) -> list[str]:
    if isinstance(question, TrueFalse):
        texts = [label("true", lang), label("false", lang)]
        right = [0 if question.answer else 1]
    else:
        texts = [choice[lang] for choice in question.choices]
        right = [question.answer] if isinstance(question, MultipleChoice) else list(question.answers)
    ids = [f"{question.id}-{number}" for number in range(1, len(texts) + 1)]
    presentation = element(item, "presentation")
    material(presentation, as_html(prompt_text(question, lang)))
    choice_list(presentation, list(zip(ids, texts, strict=True)), "Multiple" if isinstance(question, MultipleAnswer) else "Single")
    variable = condition(start_processing(item, feedback), "100")
    if isinstance(question, MultipleAnswer):
        every = element(variable, "and")
        for index, label_id in enumerate(ids):
            parent = every if index in right else element(every, "not")
            element(parent, "varequal", label_id, respident="response1")
    else:
        element(variable, "varequal", ids[right[0]], respident="response1")
    return ids


def text_entry(presentation: ET.Element, decimal: bool) -> None:
    response = element(presentation, "response_str", ident="response1", rcardinality="Single")
    render = element(response, "render_fib", **({"fibtype": "Decimal"} if decimal else {}))
    element(render, "response_label", ident="answer1", **({} if decimal else {"rshuffle": "No"}))


def short_item(item: ET.Element, question: ShortAnswer, lang: str, feedback: bool) -> list[str]:
    presentation = element(item, "presentation")
    material(presentation, as_html(prompt_text(question, lang)))
    text_entry(presentation, decimal=False)
    variable = condition(start_processing(item, feedback), "100")
    accepted = dict.fromkeys([question.answer[lang], *(other[lang] for other in question.accept)])
    for text in accepted:
        element(variable, "varequal", text, respident="response1")
    return [f"{question.id}-{number}" for number in range(1, len(accepted) + 1)]


def numeric_item(item: ET.Element, question: Numeric, lang: str, feedback: bool) -> list[str]:
    presentation = element(item, "presentation")
    material(presentation, as_html(prompt_with_unit(question, lang)))
    text_entry(presentation, decimal=True)
    variable = condition(start_processing(item, feedback), "100")
    low, high = question.bounds
    if question.range is not None:
        within = variable
    else:
        either = element(variable, "or")
        element(either, "varequal", plain_number(question.answer), respident="response1")
        within = element(either, "and")
    element(within, "vargte", plain_number(low), respident="response1")
    element(within, "varlte", plain_number(high), respident="response1")
    return [f"{question.id}-1"]


def cloze_item(item: ET.Element, question: Cloze, lang: str, feedback: bool) -> list[str]:
    """Each blank, in reading order, becomes a Canvas blank [blank1], [blank2]... with its answer."""
    parts = cloze_parts(question.text[lang])
    words = [part for part in parts if isinstance(part, str)]
    answers = [part.answer for part in parts if not isinstance(part, str)]
    names = [f"blank{number}" for number in range(1, len(answers) + 1)]
    lead = [] if question.prompt is None else [question.prompt[lang]]
    for name in names:
        if any(f"[{name}]" in text for text in [*words, *lead]):
            raise Unfit(f"the text contains [{name}], which Canvas would read as a blank")
    blank = iter(names)
    text = "".join(html_text(part) if isinstance(part, str) else f"[{next(blank)}]" for part in parts)
    presentation = element(item, "presentation")
    material(presentation, "".join(as_html(line) for line in lead) + f"<p>{text}</p>")
    ids = [f"{question.id}-{number}" for number in range(1, len(names) + 1)]
    for name, label_id, answer in zip(names, ids, answers, strict=True):
        response = element(presentation, "response_lid", ident=f"response_{name}")
        material(response, name, texttype="text/plain")
        material(element(element(response, "render_choice"), "response_label", ident=label_id), answer, texttype="text/plain")
    processing = start_processing(item, feedback)
    share = f"{100 / len(names):.2f}"
    for name, label_id in zip(names, ids, strict=True):
        element(condition(processing, share, action="Add"), "varequal", label_id, respident=f"response_{name}")
    return ids


def match_item(item: ET.Element, question: Match, lang: str, feedback: bool) -> list[str]:
    """Each left item is a drop-down of every right item; Canvas shows matching texts as plain text."""
    rights = list(dict.fromkeys(right[lang] for _, right in question.pairs))
    right_ids = {text: f"{question.id}-r{number}" for number, text in enumerate(rights, 1)}
    presentation = element(item, "presentation")
    material(presentation, as_html(prompt_text(question, lang)))
    lefts = [f"{question.id}-l{number}" for number in range(1, len(question.pairs) + 1)]
    for left_id, (left, _) in zip(lefts, question.pairs, strict=True):
        response = element(presentation, "response_lid", ident=f"response_{left_id}")
        material(response, left[lang], texttype="text/plain")
        render = element(response, "render_choice")
        for text, right_id in right_ids.items():
            material(element(render, "response_label", ident=right_id), text, texttype="text/plain")
    processing = start_processing(item, feedback)
    share = f"{100 / len(question.pairs):.2f}"
    for left_id, (_, right) in zip(lefts, question.pairs, strict=True):
        element(condition(processing, share, action="Add"), "varequal", right_ids[right[lang]], respident=f"response_{left_id}")
    return lefts


def question_item(section: ET.Element, bank: Bank, question: Question, lang: str) -> None:
    """One <item>, or Unfit; built apart and attached only when complete."""
    feedback = feedback_lines(bank, question, lang)
    item = ET.Element("item", ident=question.id, title=question.id)
    # itemmetadata comes first in an item, but lists the answer ids the body makes: build the body, then move it after.
    body = ET.Element("body")
    if isinstance(question, MultipleChoice | MultipleAnswer | TrueFalse):
        answer_ids = choices_item(body, question, lang, bool(feedback))
    elif isinstance(question, ShortAnswer):
        answer_ids = short_item(body, question, lang, bool(feedback))
    elif isinstance(question, Numeric):
        answer_ids = numeric_item(body, question, lang, bool(feedback))
    elif isinstance(question, Cloze):
        answer_ids = cloze_item(body, question, lang, bool(feedback))
    elif isinstance(question, Match):
        answer_ids = match_item(body, question, lang, bool(feedback))
    else:
        raise Unfit("Canvas classic quizzes have no ordering question")
    metadata(item, question, answer_ids)
    item.extend(body)
    if feedback:
        general = element(item, "itemfeedback", ident="general_fb")
        material(element(general, "flow_mat"), "".join(as_html(line) for line in feedback))
    section.append(item)


def assessment(bank: Bank, lang: str, ident: str) -> tuple[str, int, tuple[Skipped, ...]]:
    root = ET.Element(
        "questestinterop",
        {"xmlns": QTI_NAMESPACE, "xmlns:xsi": XSI_NAMESPACE, "xsi:schemaLocation": f"{QTI_NAMESPACE} {QTI_NAMESPACE}p1.xsd"},
    )
    test = element(root, "assessment", ident=ident, title=bank.title[lang])
    field = element(element(test, "qtimetadata"), "qtimetadatafield")
    element(field, "fieldlabel", "cc_maxattempts")
    element(field, "fieldentry", "1")
    section = element(test, "section", ident="root_section")
    skipped = []
    for question in bank.questions:
        try:
            question_item(section, bank, question, lang)
        except Unfit as unfit:
            skipped.append(Skipped(question, str(unfit)))
    return xml_text(root), len(section), tuple(skipped)


def description(bank: Bank, lang: str) -> str:
    if bank.source is None:
        return ""
    source = bank.source
    details = ", ".join(part for part in (source.date, source.url) if part)
    return as_html(f"{label('source', lang)}: {source.title[lang]}" + (f" ({details})" if details else ""))


def assessment_meta(bank: Bank, lang: str, ident: str, points: int) -> str:
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NAMESPACE, "xmlns:xsi": XSI_NAMESPACE,
                               "xsi:schemaLocation": f"{CANVAS_NAMESPACE} https://canvas.instructure.com/xsd/cccv1p0.xsd"})  # fmt: skip
    settings = {
        "title": bank.title[lang],
        "description": description(bank, lang),
        "shuffle_answers": "true",
        "scoring_policy": "keep_highest",
        "hide_results": "",
        "quiz_type": "assignment",
        "points_possible": f"{points:.1f}",
        "show_correct_answers": "true",
        "anonymous_submissions": "false",
        "could_be_locked": "false",
        "allowed_attempts": "1",
        "one_question_at_a_time": "false",
        "cant_go_back": "false",
        "available": "false",
        "one_time_results": "false",
        "show_correct_answers_last_attempt": "false",
        "only_visible_to_overrides": "false",
        "module_locked": "false",
    }
    for name, value in settings.items():
        element(root, name, value)
    assignment = element(root, "assignment", identifier=f"{ident}-assignment")
    for name, value in {
        "title": bank.title[lang],
        "workflow_state": "unpublished",
        "quiz_identifierref": ident,
        "points_possible": f"{points:.1f}",
        "grading_type": "points",
        "submission_types": "online_quiz",
        "position": "1",
    }.items():
        element(assignment, name, value)
    element(root, "assignment_group_identifierref", f"{ident}-group")
    return xml_text(root)


def manifest(bank: Bank, lang: str, ident: str) -> str:
    root = ET.Element("manifest", {"identifier": f"{ident}-manifest", "xmlns": MANIFEST_NAMESPACE,
                                   "xmlns:imsmd": "http://www.imsglobal.org/xsd/imsmd_v1p2"})  # fmt: skip
    meta = element(root, "metadata")
    element(meta, "schema", "IMS Content")
    element(meta, "schemaversion", "1.1.3")
    title = element(element(element(meta, "imsmd:lom"), "imsmd:general"), "imsmd:title")
    element(title, "imsmd:string", bank.title[lang])
    element(root, "organizations")
    resources = element(root, "resources")
    questions = element(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
    element(questions, "file", href=f"{ident}/{ident}.xml")
    element(questions, "dependency", identifierref=f"{ident}-meta")
    meta_kind = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
    meta_resource = element(resources, "resource", identifier=f"{ident}-meta", type=meta_kind, href=f"{ident}/assessment_meta.xml")
    element(meta_resource, "file", href=f"{ident}/assessment_meta.xml")
    return xml_text(root)


def xml_text(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def to_qti(bank: Bank, lang: str) -> ExportResult:
    """The bank as a QTI 1.2 zip that Canvas imports, in `lang`."""
    ident = f"quizgen-{bank.slug}-{lang}"
    questions, count, skipped = assessment(bank, lang, ident)
    data = dated_zip(
        [
            ("imsmanifest.xml", manifest(bank, lang, ident)),
            ("non_cc_assessments/", ""),
            (f"{ident}/assessment_meta.xml", assessment_meta(bank, lang, ident, count)),
            (f"{ident}/{ident}.xml", questions),
        ]
    )
    return ExportResult(data, count, skipped)
