"""Article bodies are Markdown, rendered to HTML that cannot run script.

Two layers: the parser is told to treat raw HTML as text (so `<script>` shows as written) and
to refuse `javascript:`-style links, and the result then goes through an allow-list sanitizer
(nh3), so that a parser bug or a later plugin cannot let markup through either.

Images load only from the instance itself (a path such as `/static/...` or a relative one):
an image on another host would be fetched by every reader's browser as the page opens,
telling that host who reads which article, from where and when. An image elsewhere is shown
as a link to it (its alt text, else its address), which a reader may follow or not; the
sanitizer drops any other image's address as a second layer, and the help center's
Content-Security-Policy (`img-src 'self'`) is the third.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "img", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}


def is_local_address(src: str) -> bool:
    """Whether `src` names something on this instance: a path, with no scheme and no host
    (`//host/x` and `/\\host/x` name another host to a browser)."""
    src = src.strip().replace("\\", "/")
    if src.startswith("//"):
        return False
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", src) is None


def _image(
    self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    if is_local_address(src):
        return self.image(tokens, idx, options, env)
    alt = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escape(src)}">{escape(alt)}</a>'


def _drop_remote_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not is_local_address(value):
        return None
    return value


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = (
        MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        .enable("table")
        .enable("strikethrough")
    )
    parser.add_render_rule("image", _image)
    return parser


def render_markdown(text: str) -> str:
    """Safe HTML for an article body."""
    html = _parser().render(text)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        attribute_filter=_drop_remote_images,
        link_rel="noopener noreferrer nofollow",
    )


_MARKS = re.compile(r"(!?\[([^\]]*)\]\([^)]*\))|[*_`#>|~]+")


def plain_text(text: str) -> str:
    """The body without Markdown marks, for snippets and chat answers (links keep their text)."""
    out = _MARKS.sub(lambda m: m.group(2) or " " if m.group(1) else " ", text)
    return " ".join(out.split())
