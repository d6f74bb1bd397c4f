"""A maintainer's broken template stops a build with a Chinese message naming the template and the line:
no traceback, no "cannot write" (Jinja's missing template is an OSError), the previous site kept."""

from __future__ import annotations

import pytest
from jinja2 import Environment, FileSystemLoader

from generator.errors import EXIT_USAGE, TemplateFault, template_faults
from generator.output import write_folder


@pytest.fixture
def templates(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder, Environment(loader=FileSystemLoader(folder))


def _fault(render) -> TemplateFault:
    with pytest.raises(TemplateFault) as caught, template_faults():
        render()
    assert caught.value.exit_code == EXIT_USAGE
    return caught.value


def test_a_syntax_error_names_the_file_and_line(templates):
    folder, env = templates
    (folder / "entry.html.j2").write_text("<h1>{{ title }}</h1>\n{% if %}\n", encoding="utf-8")
    text = _fault(lambda: env.get_template("entry.html.j2")).message()
    assert text.startswith(f"模板出错：{folder / 'entry.html.j2'}:2：")
    assert "请改正这个模板" in text and "之前的结果保持不变" in text


def test_an_error_while_rendering_names_the_template_line(templates):
    folder, env = templates
    (folder / "entry.html.j2").write_text("<p>正文</p>\n<h1>{{ title.nope() }}</h1>\n", encoding="utf-8")
    text = _fault(lambda: env.get_template("entry.html.j2").render(title="标题")).message()
    assert f"{folder / 'entry.html.j2'}:2：" in text and "nope" in text


def test_a_missing_template_is_not_reported_as_a_disk_fault(templates, tmp_path):
    _, env = templates
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("上次的站点", encoding="utf-8")

    @template_faults()
    def fill(folder):
        (folder / "index.html").write_text("新站点", encoding="utf-8")
        env.get_template("gone.html.j2")

    with pytest.raises(TemplateFault) as caught:
        write_folder(out, tmp_path / "project", "index.html", fill)
    assert caught.value.message().startswith("找不到模板 gone.html.j2。请检查模板名是否写错")
    assert (out / "index.html").read_text(encoding="utf-8") == "上次的站点"


def test_a_missing_include_names_the_template_that_includes_it(templates):
    folder, env = templates
    (folder / "entry.html.j2").write_text("<p>正文</p>\n{% include 'parts/sources.html.j2' %}\n", encoding="utf-8")
    text = _fault(lambda: env.get_template("entry.html.j2").render()).message()
    assert text.startswith(f"找不到模板 parts/sources.html.j2（{folder / 'entry.html.j2'}:2 引用了它）。"), text


def test_build_with_a_broken_site_template_says_which_and_keeps_the_site(content_tree, tmp_path, monkeypatch, capsys):
    """`build` itself, in this process, over the real content: the entry template broken on its line 3."""
    import shutil

    from generator.cli import main
    from generator.site.templates import TEMPLATES, environment

    broken = tmp_path / "site-templates"
    shutil.copytree(TEMPLATES, broken)
    entry = broken / "entry.html.j2"
    lines = entry.read_text(encoding="utf-8").splitlines(keepends=True)
    entry.write_text("".join(lines[:2]) + "{% if %}\n" + "".join(lines[2:]), encoding="utf-8")
    monkeypatch.setattr(environment(), "loader", FileSystemLoader(str(broken)))
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("上次的站点", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code = main(["build", "--root", str(content_tree), "--out", str(out), "--no-packs"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert f"错误：模板出错：{entry}:3：" in err and "Traceback" not in err
    assert (out / "index.html").read_text(encoding="utf-8") == "上次的站点"


def test_serve_names_a_template_fault_as_build_does(templates):
    from jinja2 import TemplateNotFound

    from generator.preview.serve import _reason

    folder, env = templates
    (folder / "entry.html.j2").write_text("<h1>{{ title }}</h1>\n{% if %}\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        env.get_template("entry.html.j2")
    assert _reason(caught.value).startswith(f"模板出错：{folder / 'entry.html.j2'}:2：")
    assert _reason(TemplateNotFound("no-such-template.html")).startswith("找不到模板 no-such-template.html。")
    assert "template not found: no-such-template.html" in _reason(TemplateNotFound("no-such-template.html"), "en")
