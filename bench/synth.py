"""Seeded synthetic content for benchmarks: clearly marked 【合成】, written to a folder you name, never to cases/.

Bodies are built from sentences of the source article's wording, so segmentation,
search and typesetting see realistic Chinese text.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MARK = "【合成】"
SENTENCES = [
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
SECTIONS = ("一、基本情况", "二、主要做法", "三、成效", "四、经验启示")
SOURCE = {"title": f"{MARK}基准测试来源", "publisher": "基准测试"}


def _vocab(root: Path) -> tuple[list[str], list[str]]:
    themes = yaml.safe_load((root / "cases/themes.yml").read_text(encoding="utf-8"))["themes"]
    names = [t["name"] for t in themes] + [s["name"] for t in themes for s in t["subthemes"]]
    districts = [d["name"] for d in yaml.safe_load((root / "cases/districts.yml").read_text(encoding="utf-8"))["districts"]]
    return names, districts


def _body(rng: random.Random) -> str:
    parts = []
    for heading in SECTIONS:
        text = "".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6)))
        parts.append(f"## {heading}\n\n{text}\n")
    return "\n".join(parts)


def _write(path: Path, front: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")


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
        {"name": s, "id": f"synthetic-school-{i:03d}", "kind": "高职", "district": rng.choice(districts[:-1])}
        for i, s in enumerate(schools, 1)
    ]}
    (out / "cases/institutions.yml").write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")

    models = max(3, cases // 10)
    figures = max(2, cases // 20)
    model_ids = [f"synthetic-model-{i:05d}" for i in range(models)]
    figure_ids = [f"synthetic-figure-{i:05d}" for i in range(figures)]
    for model_id in model_ids:
        front = {"title": f"{MARK}模式{model_id[-5:]}", "summary": f"{MARK}用于基准测试的模式条目。",
                 "themes": rng.sample(themes, 2), "sources": [SOURCE], "institutions": [rng.choice(schools)]}
        _write(out / "cases/models" / f"{model_id}.md", front, _body(rng))
    for figure_id in figure_ids:
        front = {"title": f"{MARK}人物{figure_id[-5:]}", "summary": f"{MARK}用于基准测试的人物条目。",
                 "themes": rng.sample(themes, 1), "sources": [SOURCE], "role": f"{MARK}示例身份"}
        _write(out / "cases/figures" / f"{figure_id}.md", front, _body(rng))
    for index in range(cases - models - figures):
        front = {
            "title": f"{MARK}案例{index:05d}：" + rng.choice(SENTENCES)[:20],
            "summary": f"{MARK}" + rng.choice(SENTENCES),
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "institutions": rng.sample(schools, rng.randint(1, 2)),
            "district": rng.choice(districts),
            "year": rng.randint(2019, 2025),
            "models": rng.sample(model_ids, rng.randint(0, 2)),
            "figures": rng.sample(figure_ids, rng.randint(0, 1)),
            "outcomes": [{"label": "培训", "value": rng.randint(100, 50000), "unit": "人次"}],
            "sources": [SOURCE],
        }
        _write(out / "cases/showcases" / f"synthetic-case-{index:05d}.md", front, _body(rng))
    return out
