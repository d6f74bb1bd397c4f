"""Synthetic content for the pack benchmark: seeded, clearly marked 合成（非真实）, never written under cases/.

python tests/packs/synthetic.py /tmp/packs-bench 100   # then: python -m generator pack --root /tmp/packs-bench ...
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = ("themes.yml", "districts.yml", "institutions.yml")
THEMES = ("赛教融合", "以赛促教", "以赛促改", "以赛促用", "技能培训", "菜单施训", "产教融合", "协同育人")
DISTRICTS = ("全市", "万州区", "永川区", "涪陵区", "黔江区")
INSTITUTIONS = ("重庆三峡职业学院", "重庆财经职业学院", "重庆市教育委员会")
SENTENCE = "这是用于测试排版速度的合成文字，不描述任何真实的学校、人物或地点，段落长度与真实案例相近。"


def entry_text(number: int, rng: random.Random) -> str:
    themes = rng.sample(THEMES, 2)
    sections = []
    for heading in ("一、基本情况", "二、主要做法", "三、成效", "四、经验启示"):
        paragraphs = "\n\n".join(SENTENCE * rng.randint(1, 3) for _ in range(rng.randint(1, 2)))
        sections.append(f"## {heading}\n\n{paragraphs}\n")
    return (
        "---\n"
        f"title: 合成测试案例第 {number:03d} 号\n"
        "summary: 合成（非真实）条目，仅用于测量案例手册的生成速度。\n"
        f"themes: [{', '.join(themes)}]\n"
        f"institutions: [{rng.choice(INSTITUTIONS)}]\n"
        f"district: {rng.choice(DISTRICTS)}\n"
        f"year: {rng.randint(2019, 2024)}\n"
        "outcomes:\n"
        f"  - {{label: 培训, value: {rng.randint(100, 90000)}, unit: 人次}}\n"
        "sources:\n"
        "  - title: 合成来源（非真实）\n"
        "---\n\n" + "\n".join(sections)
    )


def make_tree(target: Path, count: int, seed: int = 20240601) -> Path:
    """A project root with the real vocabularies and `count` synthetic cases, all on theme 赛教融合 or others."""
    rng = random.Random(seed)
    cases = target / "cases"
    for folder in ("showcases", "figures", "models"):
        (cases / folder).mkdir(parents=True, exist_ok=True)
    for name in VOCABULARY:
        shutil.copy(ROOT / "cases" / name, cases / name)
    for number in range(1, count + 1):
        (cases / "showcases" / f"hecheng-anli-{number:03d}.md").write_text(entry_text(number, rng), encoding="utf-8")
    (target / "mkdocs.yml").write_text("site_name: 合成测试\nsite_url: https://example.org/zjxn/\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    make_tree(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100)
