"""The layers of DESIGN.md, enforced by import-linter (pyproject.toml): the project keeps
them, and an import that points the wrong way breaks the contract."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ("gpe_site", "home", "partners", "practices", "forum", "events", "dialogue", "search")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(cwd / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )


@pytest.fixture
def project_copy(tmp_path):
    """The project's Python packages and contracts, copied where a test may break them."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns(
                "*.html", "*.css", "*.js", "*.svg", "*.png", "*.po", "*.mo"
            ),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_layers_contract_is_kept(project_copy):
    result = _lint_imports(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward_import"),
    [
        ("partners/probe.py", "import forum.models"),  # the bottom reaching up
        ("forum/probe.py", "import practices"),  # one content app into another
        ("home/mail_probe.py", "from home.sanitize import clean_html\nimport home.models.policy"),
    ],
)
def test_layers_contract_breaks_on_an_upward_import(project_copy, module, upward_import):
    (project_copy / module).write_text(upward_import + "\n")
    if module.startswith("home/mail_probe"):
        # A module of the shared base (as home.mail is) may not reach the policy.
        text = (project_copy / "pyproject.toml").read_text()
        text = text.replace('"home.hooks : home.mail', '"home.mail_probe : home.hooks : home.mail')
        (project_copy / "pyproject.toml").write_text(text)

    result = _lint_imports(project_copy)

    assert result.returncode == 1
    assert "BROKEN" in result.stdout or "broken" in result.stdout
    assert module.removesuffix(".py").replace("/", ".") in result.stdout
