"""What lvterm's own pages share: the served library a request is for (`_database`) and the URLs
of an entry page and a pair's page."""
from __future__ import annotations

import urllib.parse

from datasette.utils.asgi import NotFound


async def _database(datasette, request):
    """The served lvterm database: `?db=NAME` when it is one (never `_internal`), else the first."""
    name = request.args.get("db")
    if name and name in datasette.databases and not name.startswith("_"):
        db = datasette.get_database(name)
        if await db.table_exists("beads"):
            return db
    for db in datasette.databases.values():
        if db.name.startswith("_"):
            continue
        if await db.table_exists("beads"):
            return db
    raise NotFound("no lvterm database is being served")


def _entry_url(datasette, database: str, concept_id) -> str:
    return datasette.urls.path("/-/lvterm/entry/" + urllib.parse.quote(str(concept_id), safe="")) + \
        "?" + urllib.parse.urlencode({"db": database})


def _bead_url(datasette, database: str, bead_id, **params) -> str:
    query = urllib.parse.urlencode({"db": database, **{k: v for k, v in params.items() if v}})
    return datasette.urls.path(f"/-/lvterm/bead/{int(bead_id)}") + "?" + query
