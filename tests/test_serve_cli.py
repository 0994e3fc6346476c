"""`lvterm serve`: immutable, read-only Datasette with an inspect file; bad databases are one-line errors."""
from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from lvterm import serve as servemod
from lvterm.cli import cli


@pytest.mark.parametrize("content", [None, b"", b"garbage, not a database" * 50])
def test_serve_cli_missing_or_corrupt_db_is_one_line_error(tmp_path, content):
    db = tmp_path / "lvterm.db"
    if content is not None:
        db.write_bytes(content)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "0"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0] and "Traceback" not in result.output


def test_serve_cli_malformed_metadata_is_one_line_error(library_db, tmp_path):
    meta = tmp_path / "metadata.yml"
    meta.write_text("title: lvterm\ndatabases: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--db", str(library_db), "--port", "0", "--metadata", str(meta)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"lvterm: {meta}:2: bad YAML: "), result.output


def test_serve_cli_read_only_folder_is_one_line_error(library_db, tmp_path, monkeypatch):
    db = tmp_path / "ro" / "lvterm.db"
    db.parent.mkdir()
    shutil.copy(library_db, db)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)  # what a read-only folder does to atomic_write
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "0"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(db.parent) in lines[0] and "Permission denied" in lines[0]


def test_serve_prepare_writes_inspect_and_metadata(library_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(library_db, db)
    meta_file, inspect_file = servemod.prepare(db)
    inspected = json.loads(inspect_file.read_text())
    assert inspected["copy"]["tables"]["posts"]["count"] == 2
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    assert set(meta["databases"]["copy"]["queries"]) >= {"term_lookup", "concordance"}
    # unchanged database: the inspect file is reused; a newer database: regenerated
    mtime = inspect_file.stat().st_mtime_ns
    assert servemod.write_inspect(db).stat().st_mtime_ns == mtime
    os.utime(db, ns=(mtime + 10**9, mtime + 10**9))
    assert servemod.write_inspect(db).stat().st_mtime_ns != mtime


def test_serve_datasette_args_are_immutable_and_limited(tmp_path):
    args = servemod.datasette_args(tmp_path / "l.db", host="0.0.0.0", port=9000, metadata_file="m.json",
                                   inspect_file="i.json")
    assert args[args.index("-i") + 1] == str(tmp_path / "l.db")
    assert args[args.index("--inspect-file") + 1] == "i.json"
    assert args[args.index("--host") + 1] == "0.0.0.0" and args[args.index("--port") + 1] == "9000"
    settings = {args[i + 1]: args[i + 2] for i, a in enumerate(args) if a == "--setting"}
    assert int(settings["sql_time_limit_ms"]) <= 2000
    assert "--root" not in args and "--reload" not in args


def test_serve_cli_help_names_defaults():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "8001" in result.output and "127.0.0.1" in result.output and "build/lvterm.db" in result.output


def test_serve_cli_port_in_use_is_one_line_error(library_db):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", str(library_db), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and len(result.output.strip().splitlines()) == 1
