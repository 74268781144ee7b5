"""YAML through libyaml: the same data as the pure-Python safe loader, the same error marks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline import yamlsafe

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_config_reads_the_same_as_with_the_pure_python_loader() -> None:
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    assert yamlsafe.safe_load(text) == yaml.safe_load(text)
    assert yamlsafe.LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize(
    "text",
    ["a: [1, 2\nb: 3\n", "a: 1\n  b: 2\n", "key: 'unclosed\n", "- a\nb: c\n", "a: \udc80\n"],
)
def test_broken_yaml_is_marked_where_the_pure_python_loader_marks_it(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as plain:
        yaml.safe_load(text)
    with pytest.raises(yaml.YAMLError) as fast:
        yamlsafe.safe_load(text)
    assert str(fast.value) == str(plain.value)


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        yamlsafe.safe_load("!!python/object/apply:os.system ['true']\n")
