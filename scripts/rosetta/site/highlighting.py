"""Code blocks as the theme would leave them, done by the build: lighter, and keyboard-scrollable.

Lighter: the highlighter's spans that colour nothing are unwrapped.

Pygments puts every token of a code block in a span; a quarter of them are names (`n`) and
spaces (`w`), which the theme shows in the colour of the code itself. Unwrapped, a code-heavy page
has a quarter fewer elements to style and lay out each time the theme's script makes the browser
restyle it; the reader sees the same page. Only the theme's code blocks are touched: a notebook's
cells (`highlight-ipynb`) keep their own stylesheet's spans.

Keyboard-scrollable: the theme mounts a code block only when it comes into view (`content.lazy`),
and only then makes a block that scrolls sideways focusable. Until then a reader on the keyboard
could not reach a wide block to scroll it (axe: scrollable-region-focusable), so the build makes
every block's code focusable; once mounted, the theme keeps that only where the code overflows.
"""

import re

# Pygments' Name and Whitespace tokens: the theme gives a name the code's colour, a space none
# (tests/unit/test_highlighting.py reads the installed theme's stylesheets to hold it to that).
PLAIN_TOKENS = ("n", "w")
# A code block of the theme, its file name (a `title`) before its code if it has one.
CODE_BLOCK = re.compile(r'(<div class="(?:[^"]* )?highlight(?: [^"]*)?">(?:<span class="filename">[^<]*</span>)?<pre[^>]*>)'
                        r'(.*?)(</pre>)', re.DOTALL)
PLAIN_SPAN = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(PLAIN_TOKENS))


def unwrapped(html: str) -> str:
    """The page's HTML with the plain tokens of each code block as bare text."""
    return CODE_BLOCK.sub(lambda block: block[1] + PLAIN_SPAN.sub(r"\1", block[2]) + block[3], html)


def keyboard_scrollable(html: str) -> str:
    """The page's HTML with the code of each code block focusable (`tabindex="0"`)."""
    return CODE_BLOCK.sub(lambda block: block[1] + block[2].replace("<code>", '<code tabindex="0">', 1) + block[3], html)
