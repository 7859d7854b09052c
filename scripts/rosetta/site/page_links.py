"""Links to pages that generators print ("deployment.md#..."), turned into the pages' URLs.

markdown-exec renders a generator's Markdown without MkDocs' link rewriting, so these links
still point at .md files; only relative links to .md files are rewritten.
"""

import os
import re
from functools import partial

from mkdocs.exceptions import PluginError

_GENERATED_PAGE_LINK = re.compile(r'(<a[^>]*?\shref=)"(?![a-z]+:|/|#)([^"#]+\.md)(#[^"]*)?"')


def rewrite(html_content: str, page, files) -> str:
    return _GENERATED_PAGE_LINK.sub(partial(_page_url, page=page, files=files), html_content)


def _page_url(match, page, files):
    path, fragment = match.group(2), match.group(3) or ""
    target = files.get_file_from_path(os.path.normpath(os.path.join(os.path.dirname(page.file.src_uri), path)))
    if target is None:
        raise PluginError(f"docs/{page.file.src_uri}: a block printed a link to {path}, which is not a page")
    return f'{match.group(1)}"{target.url_relative_to(page.file)}{fragment}"'
