"""The apps' layering (.importlinter) holds: lint-imports exits 0, so `make test` fails on an import that climbs a
layer. Every app of the project is in the contract."""
import configparser
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def test_imports_keep_the_layers():
    run = subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_app_is_in_the_contract():
    """A new top-level app (a package with apps.py) is checked too: it has to be placed in a layer."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    root_packages = set(config["importlinter"]["root_packages"].split())
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"wanian_exec"}
    assert apps <= root_packages, f"add to root_packages and to a layer: {sorted(apps - root_packages)}"
