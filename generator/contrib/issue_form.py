"""The GitHub issue form for a new case, built from the vocabularies so its dropdowns never drift.

`FORM` lists the form's answers in order; `from_issue` reads the issue body by the
same labels.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..content.schema import SCHEMA, Schema
from ..content.vocab import Vocabulary
from .questions import Question, questions_for

SUBMISSION_LABEL = "案例投稿"  # put on every issue from the form; a maintainer adds 新案例 to convert it
SECTION_PREFIX = "正文："
CONFIRM_LABEL = "确认"


@dataclass(frozen=True)
class Answer:
    """One answer in the form: a question for a front-matter value, or a body section."""

    id: str
    label: str
    kind: str  # input | textarea | dropdown
    required: bool
    description: str
    question: Question | None = None
    section: str | None = None  # body heading this answer fills


# The form's own wording where a field's help is too short for someone filling in a web form.
FORM_HELP = {
    "title": "案例的名称，2–80 个字。例如：“惠学巴渝 三进行动”送教下乡",
    "summary": "一两句话说明做了什么、有什么成效，至多 200 个字。",
    "themes": "可多选。选项按七个主题排列，每个主题后面是它的三个子主题；选最贴切的子主题即可。",
    "district": "实践所在的区县，以来源写明的为准；全市性工作选“全市”；来源没有写明时选“未注明”，不要按院校所在地推断。",
    "institutions": "实施的院校或机构，多个用顿号分开。须为已登记的名称或简称（见 cases/institutions.yml）；"
                    "尚未登记的，请照写全称，维护者会先登记再转换。",
    "year": "来源报道这一实践的年份，阿拉伯数字，如 2024；不确定就不填。",
    "source_title": "支撑这份材料的公开来源（文章、报告、网页）的标题。",
    "source_url": "来源的网址，以 https:// 开头；没有就不填。",
    "source_publisher": "发布来源的单位（报社、网站、机构）；不知道就不填。",
    "source_date": "来源的发布日期：2024、2024-06 或 2024-06-01。",
}
OPEN_VOCABULARIES = ("institution",)  # registries that grow with new content: typed, not chosen from a list
LONG_TEXT = 100  # characters: a text field allowed more than this gets a text area


def _kind(question: Question) -> str:
    if (question.vocab and question.vocab not in OPEN_VOCABULARIES) or hasattr(question.field.type, "choices"):
        return "dropdown"
    return "textarea" if getattr(question.field.type, "max_len", 0) > LONG_TEXT else "input"


def form_answers(schema: Schema = SCHEMA) -> tuple[Answer, ...]:
    """The case form: a question per asked field (the source's title required), each body section, the id."""
    fields = tuple(
        Answer(q.key, q.label, _kind(q), q.required or q.key == "source_title", FORM_HELP.get(q.key, q.field.help),
               question=q)
        for q in questions_for(schema.type("case"))
    )  # fmt: skip
    guidance = {
        "一、基本情况": "实践的背景：在哪里、由哪些院校或机构、面向哪些对象开展。",
        "二、主要做法": "具体做了哪些事，可分条写。",
        "三、成效": "来源中写明的成效和数据，注明年份。",
        "四、经验启示": "可供其他院校借鉴之处。",
    }
    sections = tuple(
        Answer(f"section_{i}", f"{SECTION_PREFIX}{heading}", "textarea", False,
               f"{guidance[heading]}只写公开来源中有的内容；不写个人的手机号、身份证号、住址。", section=heading)
        for i, heading in enumerate(schema.type("case").sections, 1)
    )
    entry_id = Answer("id", "条目编号（选填）", "input", False,
                      "网址中使用的英文编号，如 huixue-bayu-songjiao-xiaxiang；不填则按标题拼音自动生成。")
    return fields + sections + (entry_id,)


FORM = form_answers()
FORM_LABELS = tuple(a.label for a in FORM) + (CONFIRM_LABEL,)  # every `### <label>` of the issue body, in order


def theme_options(vocab: Vocabulary) -> list[str]:
    return [name for theme in vocab.themes for name in (theme.name, *(s.name for s in theme.subthemes))]


def district_options(vocab: Vocabulary) -> list[str]:
    return [d.name for d in vocab.districts]


def _element(answer: Answer, vocab: Vocabulary) -> dict:
    attributes: dict = {"label": answer.label, "description": answer.description}
    if answer.question and answer.question.vocab == "theme":
        groups = "；".join(f"{t.name}（{'、'.join(s.name for s in t.subthemes)}）" for t in vocab.themes)
        attributes["description"] += f"主题与子主题：{groups}。"
    if answer.kind == "dropdown":
        question = answer.question
        if question.vocab == "theme":
            options = theme_options(vocab)
        elif question.vocab == "district":
            options = district_options(vocab)
        else:
            options = list(question.field.type.choices)
        attributes.update({"multiple": question.multiple, "options": options})
    return {"type": answer.kind, "id": answer.id, "attributes": attributes,
            "validations": {"required": answer.required}}


def build_form(vocab: Vocabulary) -> dict:
    intro = (
        "感谢投稿！请依据**公开来源**填写一个职业教育服务乡村振兴的案例。"
        "提交后，维护者会审阅并把它转换为案例文件（草稿），再合并发布。"
        "带红色星号的为必填项。详细说明见仓库中的 CONTRIBUTING.md。"
    )
    body = [{"type": "markdown", "attributes": {"value": intro}}]
    body += [_element(answer, vocab) for answer in FORM]
    body.append({
        "type": "checkboxes",
        "id": "confirm",
        "attributes": {
            "label": CONFIRM_LABEL,
            "options": [
                {"label": "以上内容都来自公开来源，没有编造", "required": True},
                {"label": "不含个人的手机号、身份证号、住址或电子邮箱", "required": True},
                {"label": "同意以仓库 LICENSE-CONTENT.md 中的许可发布这些内容", "required": True},
            ],
        },
    })
    return {
        "name": "投稿新案例",
        "description": "填写表单投稿一个典型案例，不需要会用 git。",
        "title": "[新案例] ",
        "labels": [SUBMISSION_LABEL],
        "body": body,
    }


HEADER = "# 由 python -m generator issue-form 依据 cases/themes.yml 和 cases/districts.yml 生成，请勿手改。\n"


def form_text(vocab: Vocabulary) -> str:
    dumped = yaml.safe_dump(build_form(vocab), allow_unicode=True, sort_keys=False, width=1000)
    return HEADER + dumped
