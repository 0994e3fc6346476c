"""Localisation: .po files from the library, pre-translation of .pot templates, terminology checks of .po.

Modules: `tm` (translation memory and its fuzzy index), `po_export` (the .po files of `lvterm po`;
written by `lvterm.exports.export_po`), `pretranslate`, `check_po`, `termsource` (termbase for the checks).
"""
