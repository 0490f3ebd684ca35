"""README's "For maintainers" section names the files to touch; each must exist, so the guide
cannot drift from the tree (BindingAPITests.swift keeps its example code compiling and true)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def maintainer_section() -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index("## For maintainers")
    end = text.index("\n## ", start + 1) if "\n## " in text[start + 1:] else len(text)
    return text[start:end]


def test_every_file_the_maintainer_guide_names_exists():
    section = maintainer_section()
    paths = re.findall(r"`((?:Sources|Tests)/[^`]+)`", section)
    assert len(paths) >= 10, paths
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, missing


def test_the_guide_covers_modules_layers_and_pictures():
    section = maintainer_section()
    for heading in ("How to add a module or a function to the language", "How to add a layer", "How to add a picture"):
        assert heading in section
