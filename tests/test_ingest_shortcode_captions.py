"""A shortcode's `caption` attribute, read by one pattern (`ingest.shortcodes.caption`) for
WordPress and Hugo, each by its own rules: WordPress attribute names in any case, quoted; Hugo's
as written, quoted or a `raw string`."""
from __future__ import annotations

import pytest

from lvterm.ingest import shortcodes
from lvterm.ingest.markdown import hugo_shortcodes


@pytest.mark.parametrize(("content", "expected"), [
    ('[caption id="attachment_7" CAPTION="Lasītava 2011. gadā"]<img src="a.jpg"/>[/caption]',
     "<p>Lasītava 2011. gadā</p>"),
    ("[caption caption='Jaunā grāmatu plaukta vieta']<img src='a.jpg'/>[/caption]",
     "<p>Jaunā grāmatu plaukta vieta</p>"),
    ("[caption caption=`nav citāts`]<img src='a.jpg'/>[/caption]", ""),  # no WordPress quoting
])
def test_wordpress_caption_attribute(content, expected):
    assert shortcodes.strip(content, unwrap={"caption"}) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ('{{< figure src="a.jpg" caption="Dzejnieki lasītavā" >}}', "\n\nDzejnieki lasītavā\n\n"),
    ("{{< figure src=\"a.jpg\" caption=`Lasītava 2011. gadā` >}}", "\n\nLasītava 2011. gadā\n\n"),
    ('{{< figure src="a.jpg" caption="" >}}', "\n\n\n\n"),
    ('{{< figure src="a.jpg" Caption="Nav paraksts" >}}', ""),
])
def test_hugo_figure_caption(body, expected):
    assert hugo_shortcodes(body) == expected


def test_caption_value_or_none():
    assert shortcodes.caption(' id="a" caption="Vecā ēka"') == "Vecā ēka"
    assert shortcodes.caption(' id="a"') is None
    assert shortcodes.caption(" caption=`x`", hugo=True) == "x"
