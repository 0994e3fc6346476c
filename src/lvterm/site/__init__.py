"""What the Datasette plugin (`lvterm.datasette_plugin`, which keeps every hook) runs: the text of
a search (`fts`), marked terms (`marks`), the bounds of a public instance (`guard`), the SQL
functions (`functions`), lvterm's pages (`pages`, `entry`, `home`), Datasette's table pages
(`tables`) and the stylesheet (`style`)."""
