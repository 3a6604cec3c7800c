"""`briefing new`: a commented, schema-valid file that check keeps unpublishable until filled."""

from __future__ import annotations

from helpers import briefing, make_project


def test_new_fact_is_schema_valid_and_lists_what_is_left(tmp_path):
    project = make_project(tmp_path)
    result = briefing(project, "new", "fact", "acme-denies")
    assert result.returncode == 0
    assert result.stdout == "wrote content/facts/acme-denies.yaml: replace every TODO, then run `briefing check`\n"
    text = (project / "content/facts/acme-denies.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../builder/schemas/fact.schema.json\n")
    check = briefing(project, "check")
    codes = [line.rsplit("[", 1)[1].rstrip("]") for line in check.stderr.splitlines() if ": error: " in line]
    # Nothing about the schema: only what the editor must write, each once (a todo- id is not
    # also reported as a misspelt id).
    assert set(codes) == {"unfinished"}


def test_new_refuses_to_overwrite(tmp_path):
    project = make_project(tmp_path)
    before = (project / "content/entities/acme.yaml").read_bytes()
    result = briefing(project, "new", "entity", "acme")
    assert result.returncode == 1
    assert result.stderr == "error: content/entities/acme.yaml already uses the id 'acme'; nothing was written\n"
    assert (project / "content/entities/acme.yaml").read_bytes() == before


def test_new_refuses_an_id_used_by_another_kind(tmp_path):
    project = make_project(tmp_path)
    result = briefing(project, "new", "dispute", "acme-orders")
    assert result.returncode == 1
    assert "content/facts/acme-orders.yaml already uses the id 'acme-orders'" in result.stderr
    assert not (project / "content/disputes").exists()


def test_new_refuses_a_bad_id(tmp_path):
    result = briefing(tmp_path, "new", "entity", "../escape")
    assert result.returncode == 2
    assert "is not a valid id" in result.stderr
