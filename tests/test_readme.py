"""The README's examples run as written; its YAML studies name only real parameters."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers.paths import ROOT
from helpers.report_params import notebook_parameters

README = ROOT / "README.md"
SKIP = "<!-- readme-test: skip"


def blocks(lang: str) -> list[tuple[int, str]]:
    """``(line, code)`` of every fenced block in ``lang`` not marked to be skipped."""
    text = README.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(rf"^```{lang}\n(.*?)^```", text, re.M | re.S):
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        if not before.startswith(SKIP):
            out.append((text.count("\n", 0, m.start()) + 1, m.group(1)))
    return out


def test_readme_has_examples_of_every_entry_point() -> None:
    code = "\n".join(c for _, c in blocks("python"))
    for name in (
        "read_corpus",
        "find_quotes",
        "find_attributions",
        "kwic",
        "textstat_frequency",
        "textstat_keyness",
        "find_timexes",
        "find_events",
        "process",
    ):
        assert re.search(rf"\b{name}\(", code), f"README has no example calling {name}"


@pytest.mark.parametrize(("line", "code"), blocks("python"), ids=lambda v: str(v)[:20])
def test_python_block_runs(
    line: int, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each block, with the blocks before it (they build on each other), in a fresh folder
    holding a copy of the seed corpus."""
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HELPERS_PROCESSED", str(tmp_path / "processed"))
    earlier = [c for n, c in blocks("python") if n < line]
    scope: dict = {"__name__": "readme"}
    for n, block in [*((0, c) for c in earlier), (line, code)]:
        exec(compile(block, f"README.md:{n}", "exec"), scope)


def test_yaml_studies_name_known_parameters() -> None:
    known = {
        name
        for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
        for name in notebook_parameters(nb)
    }
    studies = blocks("yaml")
    assert studies, "README shows no YAML study"
    for line, code in studies:
        params = yaml.safe_load(code)
        assert isinstance(params, dict), f"README.md:{line}: not a mapping"
        assert set(params) <= known, f"README.md:{line}: unknown {set(params) - known}"


WHITEHOUSE = ROOT.parent / "shared" / "corpora" / "whitehouse-briefings"


def test_whitehouse_study_passes_the_input_check(tmp_path: Path, monkeypatch) -> None:
    """The README's White House study (grouped by year, target and reference years) passes
    ``make report``'s input check, on a sample of the corpus holding its ``focus_doc``."""
    from helpers.preflight import check_inputs

    study = next(
        yaml.safe_load(code) for _, code in blocks("yaml") if "whitehouse" in code.split("\n")[0]
    )
    source = ROOT / study["corpus"]
    if not source.exists():
        pytest.skip(f"shared corpus not found: {source} (needs ../shared next to the repo)")
    monkeypatch.setenv("HELPERS_PROCESSED", str(tmp_path / "processed"))
    lines = source.read_text(encoding="utf-8").splitlines()
    keep = [line for i, line in enumerate(lines) if i % 40 == 0 or study["focus_doc"] in line]
    sample = tmp_path / "whitehouse-sample.jsonl"
    sample.write_text("\n".join(keep) + "\n", encoding="utf-8")
    study["corpus"] = str(sample)
    assert study["group_by"] == "year" and study["target"] != study["reference"]
    summary = check_inputs(study, explicit=study.keys())
    assert "GROUP_BY=year: 5 groups" in summary
