"""The stylesheet every page gets (`extra_template_vars`' `lvterm_css`)."""


_CSS = """
mark { background: #ffe066; padding: 0 .1em; }
.lvterm-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; margin: 0 0 1.4em; }
.lvterm-pair > div { border: 1px solid #ddd; padding: .5em .8em; border-radius: 4px; background: #fff; }
.lvterm-pair h3 { margin: 0 0 .3em 0; font-size: 0.9em; color: #555; }
.lvterm-search { margin: .6em 0 1.4em; }
.lvterm-search label { display: block; width: auto; font-size: 1.5em; font-weight: bold; margin: 0 0 .35em; }
.lvterm-search-row { display: flex; gap: .5em; max-width: 48em; }
.lvterm-search-row input[type=search] { flex: 1; min-width: 0; width: auto; font-size: 1.2em; padding: .45em .6em; }
.lvterm-search-row input[type=submit] { flex: none; font-size: 1.1em; padding: .4em 1.3em; background: #1f5f99;
  border-color: #1f5f99; color: #fff; }
.lvterm-hint, .lvterm-meta, .lvterm-examples { color: #555; font-size: .92em; margin: .3em 0; }
.lvterm-lede { font-size: 1.05em; max-width: 60em; }
.lvterm-results h2, .lvterm-downloads h2, .lvterm-browse h2 { margin-top: 1.2em; }
.lvterm-entry { border: 1px solid #ddd; border-left: 6px solid #2e7d4f; border-radius: 4px; padding: .5em 1em .4em;
  margin: .8em 0; background: #fff; }
.lvterm-entry-proposal { border-left-color: #c77700; }
.lvterm-entry h3 { margin: .1em 0 .2em; font-size: 1.3em; }
.lvterm-entry h3 a { text-decoration: none; }
.lvterm-entry p { margin: .3em 0; }
.lvterm-example { margin: .5em 0; }
.lvterm-one-side { grid-column: 1 / -1; margin: 0; color: #9a5a00; font-size: .92em; }
.lvterm-status-preferred { color: #1d6b3c; font-weight: bold; }
.lvterm-status-deprecated { color: #a0282b; font-weight: bold; }
.lvterm-status-proposed, .lvterm-proposal { color: #9a5a00; font-weight: bold; }
.lvterm-fuzzy { color: #9a5a00; }
.lvterm-correction { font-size: 1.05em; }
.lvterm-guess { color: #9a5a00; font-style: italic; margin: .2em 0; }
.lvterm-proposal-note { background: #fff4e0; border: 1px solid #e8b860; padding: .5em .8em; border-radius: 4px; }
.lvterm-generated { color: #666; }
.lvterm-concordance { width: 100%; border-collapse: collapse; background: #fff; }
.lvterm-concordance th { text-align: left; font-size: .9em; color: #555; border-bottom: 2px solid #ccc; padding: .3em .6em; }
.lvterm-concordance td { vertical-align: top; padding: .45em .6em; border-bottom: 1px solid #e4e4e4; }
.lvterm-concordance td.col-lv, .lvterm-concordance td.col-en { width: 48%; }
.lvterm-downloads ul { list-style: none; padding: 0; margin: .4em 0; }
.lvterm-downloads li { margin: .35em 0; }
.lvterm-browse dl { display: grid; grid-template-columns: max-content 1fr; gap: .35em 1.2em; margin: .4em 0; }
.lvterm-browse dt { font-weight: bold; }
.lvterm-browse dd { margin: 0; }
details.lvterm-about { margin: .6em 0 1em; }
details.lvterm-about summary { cursor: pointer; color: #444; }
details.lvterm-about pre { white-space: pre-wrap; font-size: .85em; background: #f3f3f3; padding: .6em; }
dl.lvterm-columns { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; font-size: .92em; }
dl.lvterm-columns dt { font-weight: bold; }
dl.lvterm-columns dd { margin: 0; }
.lvterm-empty { font-style: italic; }
ul.tight-bullets li { word-break: normal; overflow-wrap: anywhere; }
.rows-and-columns th { white-space: normal; }
body.table.table-posts .lvterm-post-body { max-width: 36em; display: -webkit-box; -webkit-line-clamp: 4;
  -webkit-box-orient: vertical; overflow: hidden; }
@media (max-width: 700px) { .lvterm-pair { grid-template-columns: 1fr; gap: .3em; }
  .lvterm-browse dl { grid-template-columns: 1fr; } }
"""
