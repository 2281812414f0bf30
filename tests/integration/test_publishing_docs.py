"""What the README's Publishing section shows is what `make publish` and `make index` do: the consumer configuration
the proof installs with, pip's single index, the port `make index` serves on, and the preflight first."""

import re
from pathlib import Path

from generator import publish
from generator.package_index import DEFAULT_INDEX_PORT

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
PUBLISHING = README.split("\n## Publishing\n", 1)[1].split("\n## ", 1)[0]
MAKEFILE = (ROOT / "Makefile").read_text()


def test_the_readme_shows_the_consumer_configuration_the_proof_installs_with() -> None:
    shown = re.findall(r"```toml\n(.*?)```", PUBLISHING, flags=re.DOTALL)
    assert shown == [publish.consumer_pyproject("https://pypi.example.internal/simple/")]


def test_pip_takes_one_index_and_extra_index_url_is_only_warned_against() -> None:
    assert "pip install --index-url https://pypi.example.internal/simple/ cancelkit" in PUBLISHING
    mentions = [m.start() for m in re.finditer("extra-index-url", README)]
    assert len(mentions) == 1
    assert README[mentions[0] - 9 : mentions[0]] == "Never `--"


def test_make_index_serves_where_the_readme_and_the_summary_say() -> None:
    assert f"INDEX_PORT ?= {DEFAULT_INDEX_PORT}\n" in MAKEFILE
    url = f"http://127.0.0.1:{DEFAULT_INDEX_PORT}/simple/"
    assert f"make index      # {url} serves .pypi/packages until Ctrl-C" in PUBLISHING
    assert f"pip install --index-url {url} cancelkit" in PUBLISHING
    assert publish.embedded_install_hint(DEFAULT_INDEX_PORT).endswith(f"pip install --index-url {url} cancelkit")


def test_make_publish_checks_the_index_before_anything_else() -> None:
    recipe = MAKEFILE.split("\npublish: ", 1)[1].split("\n\n", 1)[0].splitlines()
    assert recipe[0] == "publish-preflight"  # its only prerequisite: runs first, even with make -j
    assert recipe[1].strip().startswith("$(MAKE) --no-print-directory generate lint typecheck")
    assert "generator/publish.py preflight" in MAKEFILE.split("\npublish-preflight: ", 1)[1].split("\n\n", 1)[0]
