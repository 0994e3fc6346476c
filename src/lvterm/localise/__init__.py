"""Localisation: .po files from the library, pre-translation of .pot templates, terminology checks of .po.

Modules: `library` (read the built database), `tm` (translation memory and its fuzzy index),
`po_export` (`lvterm po`), `pretranslate`, `check_po`, `termsource` (termbase for the checks),
`tmx_export` (`lvterm export tmx`).
"""
