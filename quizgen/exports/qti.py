"""A QTI 1.2 package for Canvas (classic quizzes), laid out as text2qti writes it.

The zip holds `imsmanifest.xml`, an empty `non_cc_assessments/` folder, and an
assessment folder with the questions (`<id>.xml`, a `questestinterop`) and the
quiz settings Canvas reads (`assessment_meta.xml`), and the questions'
pictures under `images/`. Each item's title is the question id, its ident the
id and the language (`timeline-fr`), so that importing both languages into one
course with "overwrite assessment content with matching IDs" keeps both. Question
texts are HTML made from the bank's plain text, so markup in the bank shows
literally. Classic quizzes have no ordering question: an `order` question
becomes what Canvas itself makes of one, a matching of each item to its
position.
"""

from __future__ import annotations

import html
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..model import (
    Bank,
    Cloze,
    Deletion,
    Match,
    MultipleAnswer,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    ShortAnswer,
    TrueFalse,
    cloze_parts,
)
from ..present import html_text, label, prompt_text, scrambled
from .base import (
    ExportResult,
    Skipped,
    Unfit,
    blank_answers,
    bounds_text,
    dated_zip,
    feedback_lines,
    image_alt,
    image_file,
    plain_number,
    prompt_with_unit,
)

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
    "order": "matching_question",
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


def metadata(item: ET.Element, ident: str, question: Question, answer_ids: Sequence[str]) -> None:
    fields = element(element(item, "itemmetadata"), "qtimetadata")
    entries = {
        "question_type": CANVAS_TYPES[question.type],
        "points_possible": points(question.points),
        "original_answer_ids": ",".join(answer_ids),
        "assessment_question_identifierref": f"{ident}-ref",
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


def choices_item(
    item: ET.Element, ident: str, question: MultipleChoice | MultipleAnswer | TrueFalse, lang: str, feedback: bool, prompt: str
) -> list[str]:
    if isinstance(question, TrueFalse):
        texts = [label("true", lang), label("false", lang)]
        right = [0 if question.answer else 1]
    else:
        texts = [choice[lang] for choice in question.choices]
        right = [question.answer] if isinstance(question, MultipleChoice) else list(question.answers)
    ids = [f"{ident}-{number}" for number in range(1, len(texts) + 1)]
    presentation = element(item, "presentation")
    material(presentation, prompt)
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


def short_item(item: ET.Element, ident: str, question: ShortAnswer, lang: str, feedback: bool, prompt: str) -> list[str]:
    presentation = element(item, "presentation")
    material(presentation, prompt)
    text_entry(presentation, decimal=False)
    variable = condition(start_processing(item, feedback), "100")
    accepted = dict.fromkeys([question.answer[lang], *(other[lang] for other in question.accept)])
    for text in accepted:
        element(variable, "varequal", text, respident="response1")
    return [f"{ident}-{number}" for number in range(1, len(accepted) + 1)]


def numeric_item(item: ET.Element, ident: str, question: Numeric, feedback: bool, prompt: str) -> list[str]:
    presentation = element(item, "presentation")
    material(presentation, prompt)
    text_entry(presentation, decimal=True)
    variable = condition(start_processing(item, feedback), "100")
    low, high = bounds_text(question)
    if question.range is not None:
        within = variable
    else:
        either = element(variable, "or")
        element(either, "varequal", plain_number(question.answer), respident="response1")
        within = element(either, "and")
    element(within, "vargte", low, respident="response1")
    element(within, "varlte", high, respident="response1")
    return [f"{ident}-1"]


def cloze_item(item: ET.Element, ident: str, question: Cloze, lang: str, feedback: bool, prompt: str) -> list[str]:
    """Each blank, in reading order, becomes a Canvas blank [blank1], [blank2]... with every answer it accepts."""
    parts = cloze_parts(question.text[lang])
    words = [part for part in parts if isinstance(part, str)]
    deletions = [part for part in parts if isinstance(part, Deletion)]
    names = [f"blank{number}" for number in range(1, len(deletions) + 1)]
    lead = [] if question.prompt is None else [question.prompt[lang]]
    for name in names:
        if any(f"[{name}]" in text for text in [*words, *lead]):
            raise Unfit(f"the text contains [{name}], which Canvas would read as a blank")
    blank = iter(names)
    text = "".join(html_text(part) if isinstance(part, str) else f"[{next(blank)}]" for part in parts)
    presentation = element(item, "presentation")
    material(presentation, (prompt if lead or question.image is not None else "") + f"<p>{text}</p>")
    every_id: list[str] = []
    blanks = []
    for number, (name, deletion) in enumerate(zip(names, deletions, strict=True), 1):
        accepted = blank_answers(question, deletion, lang)
        ids = [f"{ident}-{number}" + (f"-{index}" if index > 1 else "") for index in range(1, len(accepted) + 1)]
        response = element(presentation, "response_lid", ident=f"response_{name}")
        material(response, name, texttype="text/plain")
        render = element(response, "render_choice")
        for label_id, answer in zip(ids, accepted, strict=True):
            material(element(render, "response_label", ident=label_id), answer, texttype="text/plain")
        blanks.append((name, ids))
        every_id += ids
    processing = start_processing(item, feedback)
    share = f"{100 / len(names):.2f}"
    for name, ids in blanks:
        for label_id in ids:  # a response matches one of the blank's answers at most: one share per blank
            element(condition(processing, share, action="Add"), "varequal", label_id, respident=f"response_{name}")
    return every_id


def pairing_item(
    item: ET.Element, ident: str, prompt: str, lefts: Sequence[str], column: Sequence[str], solution: Sequence[int], feedback: bool
) -> list[str]:
    """A Canvas matching item: each left text is a drop-down of the whole right column; left i is right when
    column[solution[i]] is chosen. Canvas shows matching texts as plain text."""
    right_ids = [f"{ident}-r{number}" for number in range(1, len(column) + 1)]
    presentation = element(item, "presentation")
    material(presentation, prompt)
    left_ids = [f"{ident}-l{number}" for number in range(1, len(lefts) + 1)]
    for left_id, left in zip(left_ids, lefts, strict=True):
        response = element(presentation, "response_lid", ident=f"response_{left_id}")
        material(response, left, texttype="text/plain")
        render = element(response, "render_choice")
        for text, right_id in zip(column, right_ids, strict=True):
            material(element(render, "response_label", ident=right_id), text, texttype="text/plain")
    processing = start_processing(item, feedback)
    share = f"{100 / len(lefts):.2f}"
    for left_id, right in zip(left_ids, solution, strict=True):
        element(condition(processing, share, action="Add"), "varequal", right_ids[right], respident=f"response_{left_id}")
    return left_ids


def match_item(item: ET.Element, ident: str, question: Match, lang: str, feedback: bool, prompt: str) -> list[str]:
    """The right column as the model defines it: each distinct right side once, then the distractors, so a right
    side shared by two lefts is one choice, right for both."""
    lefts = [left[lang] for left, _ in question.pairs]
    return pairing_item(item, ident, prompt, lefts, question.right_column(lang), question.solution(lang), feedback)


def order_item(item: ET.Element, ident: str, question: Order, lang: str, feedback: bool, prompt: str) -> list[str]:
    """An ordering question as Canvas makes one: a matching of each item to its position (1 first). The items
    come in a seeded order that is never the right one, which would give the answer away."""
    order = scrambled(len(question.items), question.id)
    lefts = [question.items[index][lang] for index in order]
    positions = [str(number) for number in range(1, len(question.items) + 1)]
    return pairing_item(item, ident, prompt, lefts, positions, order, feedback)


def item_ident(question: Question, lang: str) -> str:
    """An item's id: the question id and the language, so that the fr and en quizzes of one course never overwrite
    each other's questions when Canvas overwrites content with matching ids."""
    return f"{question.id}-{lang}"


def prompt_html(bank: Bank, question: Question, lang: str, images: dict[str, bytes]) -> str:
    """The prompt as HTML, with the question's picture after it, packed in the zip under images/ (as text2qti does)."""
    text = as_html(prompt_with_unit(question, lang) if isinstance(question, Numeric) else prompt_text(question, lang))
    picture = image_file(bank, question)
    if picture is None:
        return text
    name, data = picture
    if images.get(name, data) != data:
        raise Unfit(f"another question's picture is also named {name}; rename one of them")
    images[name] = data
    src = f"%24IMS-CC-FILEBASE%24/images/{urllib.parse.quote(name)}"
    return text + f'<p><img src="{html.escape(src)}" alt="{html.escape(image_alt(question, lang))}"></p>'


def question_item(section: ET.Element, bank: Bank, question: Question, lang: str, images: dict[str, bytes]) -> None:
    """One <item>, or Unfit; built apart and attached only when complete."""
    feedback = feedback_lines(bank, question, lang)
    ident = item_ident(question, lang)
    item = ET.Element("item", ident=ident, title=question.id)
    found: dict[str, bytes] = {}
    prompt = prompt_html(bank, question, lang, found)
    # itemmetadata comes first in an item, but lists the answer ids the body makes: build the body, then move it after.
    body = ET.Element("body")
    if isinstance(question, MultipleChoice | MultipleAnswer | TrueFalse):
        answer_ids = choices_item(body, ident, question, lang, bool(feedback), prompt)
    elif isinstance(question, ShortAnswer):
        answer_ids = short_item(body, ident, question, lang, bool(feedback), prompt)
    elif isinstance(question, Numeric):
        answer_ids = numeric_item(body, ident, question, bool(feedback), prompt)
    elif isinstance(question, Cloze):
        answer_ids = cloze_item(body, ident, question, lang, bool(feedback), prompt)
    elif isinstance(question, Match):
        answer_ids = match_item(body, ident, question, lang, bool(feedback), prompt)
    else:
        assert isinstance(question, Order)
        answer_ids = order_item(body, ident, question, lang, bool(feedback), prompt)
    metadata(item, ident, question, answer_ids)
    item.extend(body)
    if feedback:
        general = element(item, "itemfeedback", ident="general_fb")
        material(element(general, "flow_mat"), "".join(as_html(line) for line in feedback))
    section.append(item)
    images.update(found)


def points(value: float) -> str:
    """Points as Canvas writes them: 1.0, 2.5."""
    text = plain_number(value)
    return text if "." in text or "e" in text else f"{text}.0"


def assessment(bank: Bank, lang: str, ident: str, images: dict[str, bytes]) -> tuple[str, int, float, tuple[Skipped, ...]]:
    """The questions' XML, how many it holds, their points, and the questions left out; fills `images`."""
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
    total = 0.0
    for question in bank.questions:
        try:
            question_item(section, bank, question, lang, images)
        except Unfit as unfit:
            skipped.append(Skipped(question, str(unfit)))
        else:
            total += question.points
    return xml_text(root), len(section), total, tuple(skipped)


def description(bank: Bank, lang: str) -> str:
    if bank.source is None:
        return ""
    source = bank.source
    details = ", ".join(part for part in (source.date, source.url) if part)
    return as_html(f"{label('source', lang)}: {source.title[lang]}" + (f" ({details})" if details else ""))


def assessment_meta(bank: Bank, lang: str, ident: str, total: float) -> str:
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NAMESPACE, "xmlns:xsi": XSI_NAMESPACE,
                               "xsi:schemaLocation": f"{CANVAS_NAMESPACE} https://canvas.instructure.com/xsd/cccv1p0.xsd"})  # fmt: skip
    settings = {
        "title": bank.title[lang],
        "description": description(bank, lang),
        "shuffle_answers": "true",
        "scoring_policy": "keep_highest",
        "hide_results": "",
        "quiz_type": "assignment",
        "points_possible": points(total),
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
        "points_possible": points(total),
        "grading_type": "points",
        "submission_types": "online_quiz",
        "position": "1",
    }.items():
        element(assignment, name, value)
    element(root, "assignment_group_identifierref", f"{ident}-group")
    return xml_text(root)


def manifest(bank: Bank, lang: str, ident: str, images: Sequence[str]) -> str:
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
    for number, name in enumerate(images, 1):
        path = f"images/{urllib.parse.quote(name)}"
        element(element(resources, "resource", identifier=f"{ident}-image-{number}", type="webcontent", href=path), "file", href=path)
    return xml_text(root)


def xml_text(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def to_qti(bank: Bank, lang: str) -> ExportResult:
    """The bank as a QTI 1.2 zip that Canvas imports, in `lang`."""
    ident = f"quizgen-{bank.slug}-{lang}"
    images: dict[str, bytes] = {}
    questions, count, total, skipped = assessment(bank, lang, ident, images)
    data = dated_zip(
        [
            ("imsmanifest.xml", manifest(bank, lang, ident, list(images))),
            ("non_cc_assessments/", ""),
            (f"{ident}/assessment_meta.xml", assessment_meta(bank, lang, ident, total)),
            (f"{ident}/{ident}.xml", questions),
            *((f"images/{name}", data) for name, data in images.items()),
        ]
    )
    return ExportResult(data, count, skipped)
