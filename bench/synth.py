"""Seeded synthetic content for benchmarks: clearly marked 【合成】, written to a folder you name, never to cases/.

Bodies are built from the sentences of the real entries in cases/ (the source
article's wording) and a few stock sentences, with synthetic school names,
numbers, lists and Markdown links to model and figure entries, so segmentation,
search, link rewriting and typesetting see realistic Chinese text.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MARK = "【合成】"
STOCK = [
    "市教委建立“市级统筹、区县联动、院校主责”工作机制推进相关活动。",
    "通过案例梳理、申报与交流，精准把握乡村产业发展新痛点与新需求。",
    "推广田间学院、定制产业学院等模式并结合现代学徒制、订单班，将课堂搬到生产一线。",
    "构建中职、高职、职教本科贯通培养体系，为农村学子搭建成长立交桥。",
    "推动职业院校与农业园区、龙头企业共建市域产教联合体和行业产教融合共同体。",
    "依托乡村振兴学院、田间学院及四级社区教育服务网络，常态化开展送教下乡。",
    "针对返乡创业青年、在乡务农人员、乡村旅游从业者等不同群体精准设计培训项目。",
    "组建职业院校教师、行业企业专家、乡村土专家复合型师资团队。",
    "引导职业院校动态调整、前瞻布局涉农专业及特色专业群。",
    "双高计划建设学校通过组建职教集团、结对帮扶等方式辐射带动区域中高职院校。",
    "将大赛标准融入日常教学，推动教师转化赛题新技术、新工艺为教学项目。",
    "引导师生将竞赛中的创新方案、工艺及研发成果应用于乡村振兴一线。",
]
CROPS = ["柑橘", "榨菜", "茶叶", "中药材", "生猪", "蔬菜", "花椒", "柠檬", "脆李", "蜂蜜", "食用菌", "乡村旅游", "农村电商", "农机维修"]
SECTIONS = ("一、基本情况", "二、主要做法", "三、成效", "四、经验启示")
SOURCE = {"title": f"{MARK}基准测试来源", "publisher": "基准测试"}
UNQUOTE = str.maketrans("", "", "「」『』")
LEVELS = ["国家级", "市级", "区县级", "校级"]


def _named(root: Path) -> list[str]:
    """Names of real institutions and people in cases/: sentences naming them are not reused."""
    registry = yaml.safe_load((root / "cases/institutions.yml").read_text(encoding="utf-8"))["institutions"]
    names = [n for i in registry for n in (i["name"], *(i.get("short_names") or ()))]
    for path in (root / "cases/figures").glob("*.md"):
        names.append(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])["title"])
    return names


def _sentences(root: Path) -> list[str]:
    """Sentences (12-80 characters) of the real entries' bodies that name no real school or person
    and do not talk about the source article, plus the stock ones."""
    found = list(STOCK)
    avoid = re.compile("|".join(map(re.escape, _named(root) + ["文章", "原文", "来源", "收录"])))
    for path in sorted((root / "cases").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        for line in body.splitlines():
            line = re.sub(r"^[-#>*\d.\s]+", "", line).strip()
            line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line).translate(UNQUOTE)
            found += [s + "。" for s in line.split("。") if 12 <= len(s) <= 80 and not avoid.search(s) and not re.search(r"\d", s)]
    return list(dict.fromkeys(found))


def _vocab(root: Path) -> tuple[list[str], list[str]]:
    themes = yaml.safe_load((root / "cases/themes.yml").read_text(encoding="utf-8"))["themes"]
    names = [t["name"] for t in themes] + [s["name"] for t in themes for s in t["subthemes"]]
    districts = [d["name"] for d in yaml.safe_load((root / "cases/districts.yml").read_text(encoding="utf-8"))["districts"]]
    return names, districts


class _Writer:
    def __init__(self, rng: random.Random, sentences: list[str], schools: list[str]):
        self.rng, self.sentences, self.schools = rng, sentences, schools

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        rng = self.rng
        text = "".join(rng.choice(self.sentences) for _ in range(rng.randint(low, high)))
        if rng.random() < 0.5:
            text += f"{rng.choice(self.schools)}围绕{rng.choice(CROPS)}产业开展培训{rng.randint(2, 400)}期，覆盖{rng.randint(100, 30000)}人次。"
        return text

    def body(self, links: list[tuple[str, str]]) -> str:
        """Four sections; the practice section is a list, and the lessons section links the entries referenced."""
        rng = self.rng
        parts = [f"## {SECTIONS[0]}\n\n{self.paragraph()}\n"]
        items = "\n".join(f"- {self.paragraph(1, 2)}" for _ in range(rng.randint(2, 4)))
        parts.append(f"## {SECTIONS[1]}\n\n{self.paragraph(1, 3)}\n\n{items}\n")
        parts.append(f"## {SECTIONS[2]}\n\n{self.paragraph()}\n")
        see = "、".join(f"[{title}]({path})" for title, path in links)
        parts.append(f"## {SECTIONS[3]}\n\n{self.paragraph(1, 3)}" + (f"参见{see}。" if see else "") + "\n")
        return "\n".join(parts)


def _write(path: Path, front: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body, encoding="utf-8")


def generate(out: Path, cases: int, seed: int = 20261129) -> Path:
    """A content tree under `out` with `cases` entries: about 85% cases, 10% models, 5% figures."""
    rng = random.Random(seed)
    themes, districts = _vocab(ROOT)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("showcases", "models", "figures"):
        (out / "cases" / folder).mkdir(parents=True)
    for name in ("themes.yml", "districts.yml"):
        shutil.copyfile(ROOT / "cases" / name, out / "cases" / name)
    schools = [f"{MARK}第{i:03d}职业学院" for i in range(1, 121)]
    registry = {"institutions": [
        {"name": s, "id": f"synthetic-school-{i:03d}", "kind": "高职" if i % 3 else "中职", "district": rng.choice(districts[:-1])}
        for i, s in enumerate(schools, 1)
    ]}
    (out / "cases/institutions.yml").write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    writer = _Writer(rng, _sentences(ROOT), schools)

    models = max(3, cases // 10)
    figures = max(2, cases // 20)
    model_ids = [f"synthetic-model-{i:05d}" for i in range(models)]
    figure_ids = [f"synthetic-figure-{i:05d}" for i in range(figures)]
    for number, model_id in enumerate(model_ids):
        front = {"title": f"{MARK}{rng.choice(CROPS)}模式{number:05d}", "summary": f"{MARK}用于基准测试的模式条目。",
                 "themes": rng.sample(themes, 2), "sources": [SOURCE], "institutions": [rng.choice(schools)],
                 "aliases": [f"{MARK}模式别称{number:05d}"]}
        _write(out / "cases/models" / f"{model_id}.md", front, writer.body([]))
    for number, figure_id in enumerate(figure_ids):
        front = {"title": f"{MARK}人物{number:05d}", "summary": f"{MARK}用于基准测试的人物条目。",
                 "themes": rng.sample(themes, 1), "sources": [SOURCE], "role": f"{MARK}{rng.choice(schools)}教师",
                 "institutions": [rng.choice(schools)], "district": rng.choice(districts)}
        _write(out / "cases/figures" / f"{figure_id}.md", front, writer.body([]))
    for index in range(cases - models - figures):
        used_models = rng.sample(model_ids, rng.randint(0, 2))
        used_figures = rng.sample(figure_ids, rng.randint(0, 1))
        front = {
            "title": f"{MARK}案例{index:05d}：" + rng.choice(writer.sentences)[:20].rstrip("。，、"),
            "summary": f"{MARK}" + rng.choice(writer.sentences)[:150],
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "institutions": rng.sample(schools, rng.randint(1, 2)),
            "district": rng.choice(districts),
            "year": rng.randint(2019, 2025),
            "models": used_models,
            "figures": used_figures,
            "outcomes": [{"label": "培训", "value": rng.randint(100, 50000), "unit": "人次"}],
            "sources": [SOURCE],
        }
        if rng.random() < 0.3:
            front["level"] = rng.choice(LEVELS)
        if rng.random() < 0.5:
            front["updated"] = f"{front['year']}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        links = [(f"模式{m[-5:]}", f"../models/{m}.md") for m in used_models]
        links += [(f"人物{f[-5:]}", f"../figures/{f}.md") for f in used_figures]
        _write(out / "cases/showcases" / f"synthetic-case-{index:05d}.md", front, writer.body(links))
    return out
