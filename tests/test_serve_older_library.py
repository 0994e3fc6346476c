"""`lvterm serve` of a library built by an older lvterm, before a column the site's metadata facets
on existed (terms.part_of_speech): the pages answer, without that facet. They answered 400 "no such
column: part_of_speech", and so did the JSON API; and a metadata file that is not a mapping is one
line naming it, not a traceback."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from fixtures.datasette.client import datasette_for, get
from lvterm.errors import InputError
from lvterm.serve import metadata_for


@pytest.fixture
def older_library(library_db, tmp_path):
    path = tmp_path / "lvterm.db"
    shutil.copy(library_db, path)
    conn = sqlite3.connect(path)
    for (index,) in conn.execute("select name from sqlite_master where type = 'index' and tbl_name = 'terms' "
                                 "and sql like '%part_of_speech%'").fetchall():
        conn.execute(f"drop index [{index}]")
    conn.execute("alter table terms drop column part_of_speech")
    conn.commit()
    conn.close()
    return path


def test_serve_older_library_terms_page_answers(older_library):
    ds = datasette_for(older_library)
    for path in ("/lvterm/terms", "/lvterm/terms.json"):
        response = get(ds, path)
        assert response.status_code == 200, (path, response.text[:300])
    assert "part_of_speech" not in metadata_for(older_library)["databases"]["lvterm"]["tables"]["terms"]["facets"]


def test_serve_current_library_keeps_the_facet(library_db):
    facets = metadata_for(library_db)["databases"]["lvterm"]["tables"]["terms"]["facets"]
    assert "part_of_speech" in facets
    response = get(datasette_for(library_db), "/lvterm/terms.json", _facet="part_of_speech")
    assert response.status_code == 200


def test_serve_metadata_not_a_mapping_is_one_line(library_db, tmp_path):
    bad = tmp_path / "metadata.yml"
    bad.write_text("../../../metadata.yml\n", encoding="utf-8")  # a symlink checked out as text
    with pytest.raises(InputError, match="must be a mapping") as err:
        metadata_for(library_db, metadata=bad)
    assert str(bad) in str(err.value)
