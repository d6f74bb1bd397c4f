"""A small content tree for preview tests, edited the way contributors edit it: whole files written, renamed, removed.

The tree is the golden fixture's (tests/fixtures/golden/: 万州区 and 全市, 示例 themes, one model, one
figure, cases with an image and links), with the project's mkdocs.yml, docs/ and overrides/ (Pagefind off:
the search bundle is not compared). Entries are kept as data (front matter and body) and written as
files; references to an entry follow it when it is renamed, retitled or removed, so the tree has no
errors except in files broken on purpose.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import strategies as st

from generator.content.library import load_library
from generator.publish import publish

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "golden" / "cases"
FOLDERS = {"case": "showcases", "model": "models", "figure": "figures"}
REFERENCES = {"models": "model", "figures": "figure"}
BREAKAGES = {
    "yaml": "---\ntitle: [未闭合\n---\n\n正文。\n",
    "district": None,  # an unknown district: the file parses, the entry has an error
    "title": None,  # the required title left out
}


def make_project(target: Path, search: bool = False) -> Path:
    """The golden content and the project's site settings in `target` (the search index off unless `search`)."""
    shutil.copytree(GOLDEN, target / "cases")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    settings = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - zjxn\n" in settings
    if not search:
        settings = settings.replace("\n  - zjxn\n", "\n  - zjxn:\n      search_index: false\n")
    (target / "mkdocs.yml").write_text(settings, encoding="utf-8")
    return target


class Tree:
    """The entries of a project folder as data; every change is written and returns the paths it touched."""

    def __init__(self, root: Path):
        self.root = root
        self.entries: dict[str, tuple[dict, str]] = {}  # project-relative path -> (front matter, body)
        self.broken: set[str] = set()
        self.broken_how: dict[str, str] = {}  # broken path -> which of BREAKAGES
        for path in sorted((root / "cases").glob("*/*.md")):
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            self.entries[path.relative_to(root).as_posix()] = (yaml.safe_load(front), body)
        vocab = lambda name: yaml.safe_load((root / "cases" / name).read_text(encoding="utf-8"))  # noqa: E731
        self.themes = [n for t in vocab("themes.yml")["themes"] for n in (t["name"], *(s["name"] for s in t["subthemes"]))]
        self.districts = [d["name"] for d in vocab("districts.yml")["districts"]]
        self.institutions = [i["name"] for i in vocab("institutions.yml")["institutions"]]

    # --- reading

    def of_type(self, kind: str) -> list[str]:
        return [p for p in self.entries if p.startswith(f"cases/{FOLDERS[kind]}/")]

    def kind(self, path: str) -> str:
        return next(k for k, folder in FOLDERS.items() if path.startswith(f"cases/{folder}/"))

    def pick(self, number: int, kind: str | None = None) -> str | None:
        paths = sorted(self.entries) if kind is None else sorted(self.of_type(kind))
        return paths[number % len(paths)] if paths else None

    # --- writing

    def write(self, path: str) -> str:
        front, body = self.entries[path]
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body
        if path in self.broken:
            text = self.breakage(path, front, body)
        (self.root / path).write_text(text, encoding="utf-8")
        return path

    def breakage(self, path: str, front: dict, body: str) -> str:
        how = self.broken_how[path]
        if BREAKAGES[how] is not None:
            return BREAKAGES[how]
        front = dict(front)
        if how == "district":
            front["district"] = "万洲区"  # a slip of the pen: the fix names 万州区
        else:
            front.pop("title")
        return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body

    def change(self, path: str, **fields) -> set[str]:
        front, body = self.entries[path]
        body = fields.pop("body", body)
        self.entries[path] = ({**front, **fields}, body)
        return {self.write(path)}

    def add(self, kind: str, number: int, themes: list[str], district: str, links: list[str]) -> set[str]:
        entry_id = f"jiade-{kind}-{number}"
        path = f"cases/{FOLDERS[kind]}/{entry_id}.md"
        if path in self.entries:
            return set()
        front = {"title": f"【示例】新{kind}{number}", "summary": "合成的新条目。", "themes": themes,
                 "sources": [{"title": "示例来源一（合成）"}]}  # fmt: skip
        if kind == "case":
            front |= {"institutions": [self.institutions[number % len(self.institutions)]], "district": district,
                      "year": 2015 + number % 10}  # fmt: skip
            models = self.of_type("model")
            if models and number % 2:
                front["models"] = [Path(models[number % len(models)]).stem]
        elif kind == "figure":
            front |= {"role": "示例角色（合成）", "district": district}
        body = "## 一、基本情况\n\n新条目的正文，" + "示例文字，" * (number % 40) + "。\n"
        body += "".join(f"\n见[另一个条目](../{link.split('/', 1)[1]})。\n" for link in links)
        self.entries[path] = (front, body)
        return {self.write(path)}

    def rename(self, path: str, number: int) -> set[str]:
        new = f"{path.rsplit('/', 1)[0]}/gaiming-{number}.md"
        if new in self.entries:
            return set()
        self.entries[new] = self.entries.pop(path)
        if path in self.broken:
            self.broken.discard(path)
            self.broken.add(new)
            self.broken_how[new] = self.broken_how.pop(path)
        (self.root / path).rename(self.root / new)
        return {path, new} | self._follow(path, new)

    def delete(self, path: str) -> set[str]:
        names = self._names(path)
        del self.entries[path]
        self.broken.discard(path)
        (self.root / path).unlink()
        return {path} | self._follow(path, None, names)

    def retitle(self, path: str, title: str) -> set[str]:
        names = self._names(path)
        touched = self.change(path, title=title)
        return touched | self._follow(path, path, names)

    def _names(self, path: str) -> set[str]:
        """What references may call an entry: its id, title and aliases."""
        front = self.entries[path][0]
        return {Path(path).stem, front.get("title"), *(front.get("aliases") or ())}

    def _follow(self, old_path: str, new_path: str | None, old_names: set[str] | None = None) -> set[str]:
        """References to the entry at `old_path` (by id, or one of `old_names`) made to name `new_path`, or removed."""
        kind, gone = self.kind(old_path), {Path(old_path).stem} | (old_names or set())
        touched = set()
        for path, (front, body) in list(self.entries.items()):
            for field, target in REFERENCES.items():
                names = front.get(field) or []
                if target != kind or not any(n in gone for n in names):
                    continue
                kept = [n for n in names if n not in gone]
                if new_path is not None:
                    kept.append(Path(new_path).stem)
                touched |= self.change(path, **{field: kept}) if kept else self._without(path, field)
        return touched

    def _without(self, path: str, field: str) -> set[str]:
        front, body = self.entries[path]
        self.entries[path] = ({k: v for k, v in front.items() if k != field}, body)
        return {self.write(path)}

    def break_file(self, path: str, how: str) -> set[str]:
        self.broken.add(path)
        self.broken_how[path] = how
        return {self.write(path)}

    def fix(self, path: str) -> set[str]:
        self.broken.discard(path)
        return {self.write(path)}

    def publish_all(self) -> set[str]:
        """Every file fixed and every draft published: a tree `build` accepts."""
        touched = set()
        for path in sorted(self.broken):
            touched |= self.fix(path)
        for path, (front, _) in list(self.entries.items()):
            if front.get("status") == "draft":
                self._without(path, "status")
                touched.add(path)
        return touched


# --- random edits (Hypothesis)

number = st.integers(0, 10_000)
edits = st.one_of(
    st.tuples(st.just("body"), number, st.text("示例文字甲乙丙，。\n", min_size=1, max_size=30)),
    st.tuples(st.just("title"), number, number),
    st.tuples(st.just("district"), number, number),
    st.tuples(st.just("themes"), number, st.lists(number, min_size=1, max_size=3)),
    st.tuples(st.just("models"), number, st.lists(number, max_size=2)),
    st.tuples(st.just("add"), st.sampled_from(["case", "case", "model", "figure"]), number, st.lists(number, max_size=2)),
    st.tuples(st.just("rename"), number, number),
    st.tuples(st.just("delete"), number),
    st.tuples(st.just("break"), number, st.sampled_from(sorted(BREAKAGES))),
    st.tuples(st.just("fix"), number),
    st.tuples(st.just("draft"), number),
    st.tuples(st.just("steps"), st.integers(1, 30)),
)


def apply(tree: "Tree", edit: tuple) -> set[str]:
    """Make one edit in the tree; the project-relative paths it wrote or removed."""
    kind, *args = edit
    path = tree.pick(args[0]) if kind not in ("add", "steps") else None
    if kind == "body":
        return tree.change(path, body=tree.entries[path][1] + "\n" + args[1] + "\n")
    if kind == "title":
        return tree.retitle(path, f"【示例】改过的标题{args[1]}")
    if kind == "district" and "district" in tree.entries[path][0]:
        return tree.change(path, district=tree.districts[args[1] % len(tree.districts)])
    if kind == "themes":
        return tree.change(path, themes=sorted({tree.themes[n % len(tree.themes)] for n in args[1]}))
    if kind == "models" and tree.kind(path) == "case":
        models = sorted({Path(m).stem for m in (tree.pick(n, "model") for n in args[1]) if m})
        return tree.change(path, models=models) if models else tree._without(path, "models")
    if kind == "add":
        links = [tree.pick(n) for n in args[2]]
        return tree.add(args[0], args[1], [tree.themes[args[1] % len(tree.themes)]],
                        tree.districts[args[1] % len(tree.districts)], [p for p in links if p])  # fmt: skip
    if kind == "rename":
        return tree.rename(path, args[1])
    if kind == "delete" and len(tree.entries) > 2:
        return tree.delete(path)
    if kind == "break" and path not in tree.broken:
        return tree.break_file(path, args[1])
    if kind == "fix" and tree.broken:
        return tree.fix(sorted(tree.broken)[args[0] % len(tree.broken)])
    if kind == "draft":
        front = tree.entries[path][0]
        return tree._without(path, "status") if front.get("status") == "draft" else tree.change(path, status="draft")
    return set()



def build(root: Path, out: Path) -> Path:
    """The site `python -m generator build --no-packs` makes of `root`, in this process."""
    loaded = load_library(root)
    assert not [p for p in loaded.problems if p.is_error], [p.message() for p in loaded.problems if p.is_error]
    publish(loaded.library, root / "mkdocs.yml", out, packs=False)
    return out


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site but the search bundle, by site path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")}  # fmt: skip


def differences(served: Path, built: Path) -> list[str]:
    a, b = site_files(served), site_files(built)
    found = [f"only in the preview: {p}" for p in sorted(set(a) - set(b))]
    found += [f"only in the build: {p}" for p in sorted(set(b) - set(a))]
    found += [f"differs: {p}" for p in sorted(set(a) & set(b)) if a[p] != b[p]]
    return found
