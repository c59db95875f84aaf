"""Shared test fixtures. Suites that need the whole corpus use ../shared and skip without it."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(os.environ.get("CAREERLENS_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test (with the reason) when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the project's shared data folder), which is not present here")
    return path


@pytest.fixture(scope="session")
def postings() -> list[dict]:
    """A few dozen real postings (cut to 6,000 characters) with the team's flavour labels."""
    with open(FIXTURES / "postings.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="session")
def decoder():
    from careerlens.decode.decoder import default_decoder

    return default_decoder()


# PostgreSQL for the store and web tests: ``$CAREERLENS_TEST_POSTGRES_URL`` when set; otherwise, where PostgreSQL's
# server programs are installed (Debian's postgresql), a throwaway cluster on a Unix socket for the session.
def _pg_bin() -> Path | None:
    found = shutil.which("initdb") or next(
        iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)), None
    )
    return Path(found).parent if found else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    url = os.environ.get("CAREERLENS_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    pytest.importorskip("psycopg", reason="needs psycopg (pip install 'careerlens[postgres]')")
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("needs a PostgreSQL server: set CAREERLENS_TEST_POSTGRES_URL or install Debian's postgresql")
    folder = Path(tempfile.mkdtemp(prefix="careerlens-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run the throwaway cluster as nobody
        shutil.chown(folder, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    port = str(54000 + os.getpid() % 1000)
    data = folder / "data"
    try:
        subprocess.run(
            [*as_user, str(bin_dir / "initdb"), "-D", str(data), "--auth=trust", "-U", "careerlens"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            [
                *as_user,
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                f"-p {port} -k {folder} -c listen_addresses=''",
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"could not start a throwaway PostgreSQL server: {exc}")
    try:
        yield f"postgresql://careerlens@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


def postgres_store_url(base: str) -> str:
    """A URL for a fresh, empty schema on the test server, so every test starts from nothing."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
