"""Article bodies are Markdown, rendered to HTML that cannot run script.

Two layers: the parser is told to treat raw HTML as text (so `<script>` shows as written) and
to refuse `javascript:`-style links, and the result then goes through an allow-list sanitizer
(nh3), so that a parser bug or a later plugin cannot let markup through either.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "img", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        .enable("table")
        .enable("strikethrough")
    )


def render_markdown(text: str) -> str:
    """Safe HTML for an article body."""
    html = _parser().render(text)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


_MARKS = re.compile(r"(!?\[([^\]]*)\]\([^)]*\))|[*_`#>|~]+")


def plain_text(text: str) -> str:
    """The body without Markdown marks, for snippets and chat answers (links keep their text)."""
    out = _MARKS.sub(lambda m: m.group(2) or " " if m.group(1) else " ", text)
    return " ".join(out.split())
