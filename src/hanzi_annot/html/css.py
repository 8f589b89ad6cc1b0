"""The stylesheets a page embeds, and the check that keeps user CSS inside ``<style>``.

The layout numbers the spacing code relies on live here too (:data:`RT_SCALE`,
:data:`RT_GAP`), so the stylesheet and the spacing computed from it cannot drift apart.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "DEFAULT_CSS",
    "EDITOR_CSS",
    "LEARNER_CSS",
    "PRINT_CSS",
    "RT_GAP",
    "RT_SCALE",
    "TONE_CSS",
    "neutralise_css",
]

#: Ruby-text font size as a fraction of its base (0.625 em is 10 px on a 16 px body).
RT_SCALE: Final = 0.625
#: Smallest gap between two neighbouring ruby texts, in em of the ruby-text font.
RT_GAP: Final = 0.2
#: How far a ruby text's margins reach out, so that it never widens its base.
RT_REACH: Final = 12.0

PINYIN_FONT: Final = '"DejaVu Sans","Noto Sans","Helvetica Neue",Arial,sans-serif'
ZHUYIN_FONT: Final = '"Noto Sans CJK TC","Noto Sans CJK SC","Source Han Sans TC",sans-serif'

#: The stylesheet a standalone page embeds: readable measure, room for the ruby line,
#: ruby text that never spreads its base (the spacing lives in the page's ``style``
#: attributes), and a dark scheme.
DEFAULT_CSS: Final = f"""\
:root{{color-scheme:light dark}}
body{{margin:0;background-color:#ffffff;color:#1a1a1a}}
.ha-document{{max-width:40em;margin:2em auto;padding:0 1em;line-height:2.6;
font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",serif}}
.ha-document h1{{font-size:1.6em;line-height:2.4}}
.ha-document h2{{font-size:1.25em;line-height:2.4}}
.ha-document ruby{{ruby-align:center}}
.ha-document rt{{font-size:{RT_SCALE}em;line-height:1;font-weight:normal;letter-spacing:normal;
margin:0 -{RT_REACH}em;font-family:{PINYIN_FONT}}}
.ha-document rt:lang(zh-Bopo){{font-family:{ZHUYIN_FONT}}}
.ha-document footer,.ha-document .ha-meta{{color:#4d4d4d;font-size:0.9em}}
@media (prefers-color-scheme:dark){{
body{{background-color:#161616;color:#e6e6e6}}
.ha-document footer,.ha-document .ha-meta{{color:#b8b8b8}}
}}
"""

#: The default tone palette, one class per tone (5 is the neutral tone). Every colour
#: has a contrast of at least 4.5:1 on the page background, light and dark.
TONE_CSS: Final = """\
.ha-t1{color:#c62828}
.ha-t2{color:#a84f00}
.ha-t3{color:#2e7d32}
.ha-t4{color:#1565c0}
.ha-t5{color:#616161}
@media (prefers-color-scheme:dark){
.ha-t1{color:#ff8a80}
.ha-t2{color:#ffb74d}
.ha-t3{color:#81c784}
.ha-t4{color:#82b1ff}
.ha-t5{color:#bdbdbd}
}
"""

#: The show/hide controls of a learner's page: plain checkboxes and radio buttons whose
#: state hides ruby text through sibling selectors, so they work without scripts.
LEARNER_CSS: Final = """\
.ha-switch{position:absolute;opacity:0;width:1px;height:1px;margin:0}
.ha-toolbar{max-width:40em;margin:1em auto 0;padding:0 1em;font-family:sans-serif;
line-height:1.6}
.ha-toolbar label{display:inline-block;margin:0.25em 0.5em 0.25em 0;padding:0.3em 0.7em;
border:1px solid #767676;border-radius:0.3em;cursor:pointer}
.ha-toolbar label::before{content:"\\2610\\00a0"}
.ha-toolbar fieldset{display:inline;border:0;margin:0;padding:0}
.ha-toolbar legend{float:left;margin:0.55em 0.5em 0 0}
#ha-show-pinyin:checked~.ha-toolbar label[for=ha-show-pinyin]::before{content:"\\2611\\00a0"}
#ha-show-pinyin:not(:checked)~.ha-document rt{visibility:hidden}
#ha-show-pinyin:focus-visible~.ha-toolbar label[for=ha-show-pinyin]{outline:3px solid #1565c0;
outline-offset:2px}
"""

#: A print stylesheet: no controls, black on white, no links underlined, ruby kept whole.
PRINT_CSS: Final = """\
@media print{
body{background-color:#ffffff;color:#000000}
.ha-toolbar,.ha-switch{display:none}
.ha-document{max-width:none;margin:0;padding:0;font-size:12pt}
.ha-document a{color:inherit;text-decoration:none}
.ha-document h1,.ha-document h2{break-after:avoid}
.ha-document p{orphans:2;widows:2}
}
"""

#: The editor view: flagged words and the list of findings, told apart by colour, by a
#: symbol and by the border style, so severity never rests on colour alone.
EDITOR_CSS: Final = """\
.ha-flag{border-bottom:2px solid #b3261e;background-color:#fff1b8}
.ha-flag.ha-warning{border-bottom-style:dashed;border-bottom-color:#8a5300}
.ha-flag.ha-info{border-bottom-style:dotted;border-bottom-color:#1565c0;
background-color:#e3f2fd}
a.ha-mark{color:inherit;text-decoration:none}
a.ha-mark:focus-visible,.ha-findings a:focus-visible{outline:3px solid #1565c0;
outline-offset:2px}
a.ha-mark:target .ha-flag,.ha-findings li:target{outline:3px solid #6a1b9a}
.ha-findings{max-width:40em;margin:2em auto;padding:0 1em;font-family:sans-serif;
line-height:1.6}
.ha-findings ol{padding-left:1.5em}
.ha-findings li{margin:0.5em 0;padding:0.3em 0.5em;border-left:4px solid #b3261e}
.ha-findings li.ha-warning{border-left-style:dashed;border-left-color:#8a5300}
.ha-findings li.ha-info{border-left-style:dotted;border-left-color:#1565c0}
.ha-severity{font-weight:bold}
.ha-findings a{display:inline-block;min-height:1.5em;padding:0.1em 0.2em}
@media (prefers-color-scheme:dark){
.ha-flag{background-color:#4a3b00}
.ha-flag.ha-info{background-color:#0d2a45}
.ha-flag,.ha-findings li{border-color:#ff8a80}
.ha-flag.ha-warning,.ha-findings li.ha-warning{border-color:#ffb74d}
.ha-flag.ha-info,.ha-findings li.ha-info{border-color:#82b1ff}
.ha-findings a{color:#9ecbff}
}
"""


def neutralise_css(css: str) -> str:
    r"""Make ``css`` safe inside ``<style>``: every ``<`` becomes the CSS escape ``\3c ``.

    Only ``</style`` can end a style element, and no CSS needs a literal ``<`` outside
    a string, where the escape means the same character; so the sheet keeps its meaning
    and can never close the element or open a tag.

    >>> neutralise_css("p{color:red}</STYLE><script>x</script>")
    'p{color:red}\\3c /STYLE>\\3c script>x\\3c /script>'
    """
    return css.replace("<", "\\3c ")
