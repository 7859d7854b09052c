"""The notebook pages' CSS, trimmed to what the page uses.

mkdocs-jupyter inlines JupyterLab's whole stylesheet into every notebook page: about 590 KB of
CSS in the page's <head> for a few dozen cell and output classes, most of the page's weight and
what kept these pages' Lighthouse performance under the site's others. `trimmed` keeps, from each
inline <style> of a page, the rules that can apply to it:
- a style rule is kept when one of its selectors names only classes and ids that occur in the
  page (tags, attributes and pseudo-classes are not judged: such a selector is kept);
- a custom property (`--jp-...`) is kept when a kept declaration of any of the page's stylesheets,
  or a style attribute, reads it, directly or through other custom properties;
- @media, @supports and @layer blocks keep their kept rules, and go when none is left;
  @keyframes and @font-face stay when a kept declaration names them, other at-rules stay.
"""

import re

import tinycss2

_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
_CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
_ID_ATTRIBUTE = re.compile(r'\bid="([^"]*)"')
_VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")
_STYLE_ATTRIBUTE = re.compile(r'\bstyle="([^"]*)"')
_CONTAINERS = {"media", "supports", "layer", "container"}


def _names_in(html: str) -> tuple[set[str], set[str]]:
    classes = {name for found in _CLASS_ATTRIBUTE.findall(html) for name in found.split()}
    return classes, set(_ID_ATTRIBUTE.findall(html))


def _selector_applies(selector: str, classes: set[str], ids: set[str]) -> bool:
    selector = re.sub(r":(not|is|where|has)\([^)]*\)", "", selector)  # what a negation names need not exist
    selector = re.sub(r"\[[^\]]*\]", "", selector)  # an attribute's value is not a class: [type="a.b"]
    needed_classes = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", selector))
    needed_ids = set(re.findall(r"#(-?[_a-zA-Z][\w-]*)", selector))
    return needed_classes <= classes and needed_ids <= ids


def _kept_rules(rules, classes, ids) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            if any(_selector_applies(selector, classes, ids) for selector in selectors):
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in _CONTAINERS and rule.content is not None:
            inner = _kept_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), classes, ids)
            if inner:
                kept.append((rule, inner))
        elif rule.type == "at-rule":
            kept.append(rule)
    return kept


def _declarations(rule) -> list:
    return [item for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            if item.type == "declaration"]


def _style_rules(kept) -> list:
    for item in kept:
        if isinstance(item, tuple):
            yield from _style_rules(item[1])
        elif item.type == "qualified-rule":
            yield item


def _used_variables(kept, also_read: str = "") -> set[str]:
    """The custom properties read by a kept declaration that is not itself a custom property (or by
    `also_read`, the page's own style attributes), and those that these read in turn."""
    definitions: dict[str, set[str]] = {}
    used: set[str] = set(_VARIABLE_USE.findall(also_read))
    for rule in _style_rules(kept):
        for declaration in _declarations(rule):
            reads = set(_VARIABLE_USE.findall(tinycss2.serialize(declaration.value)))
            if declaration.name.startswith("--"):
                definitions.setdefault(declaration.name, set()).update(reads)
            else:
                used |= reads
    pending = list(used)
    while pending:
        for read in definitions.get(pending.pop(), ()):
            if read not in used:
                used.add(read)
                pending.append(read)
    return used


def _serialized(kept, used_variables: set[str], words: str) -> str:
    out = []
    for item in kept:
        if isinstance(item, tuple):
            rule, inner = item
            body = _serialized(inner, used_variables, words)
            if body:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{body}}}")
        elif item.type == "qualified-rule":
            declarations = [d for d in _declarations(item) if not d.name.startswith("--") or d.name in used_variables]
            if declarations:
                body = ";".join(f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
                                for d in declarations)
                out.append(f"{tinycss2.serialize(item.prelude).strip()}{{{body}}}")
        elif item.lower_at_keyword in ("keyframes", "font-face", "-webkit-keyframes"):
            name = tinycss2.serialize(item.prelude).strip()
            if item.lower_at_keyword == "font-face" or name in words:
                out.append(tinycss2.serialize([item]))
        elif item.lower_at_keyword != "charset":
            out.append(tinycss2.serialize([item]))
    return "".join(out)


def _trimmed_sheets(sheets: list[str], classes: set[str], ids: set[str], also_read: str = "") -> list[str]:
    """The stylesheets of one page, trimmed together: a custom property defined in one may be read in another."""
    kept = [_kept_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), classes, ids) for css in sheets]
    every = [item for sheet in kept for item in sheet]
    used = _used_variables(every, also_read)
    # Animation names that a kept declaration mentions: their @keyframes stay.
    words = " ".join(tinycss2.serialize(d.value) for rule in _style_rules(every) for d in _declarations(rule))
    return [_serialized(sheet, used, words) for sheet in kept]


def trimmed_stylesheet(css: str, classes: set[str], ids: set[str]) -> str:
    return _trimmed_sheets([css], classes, ids)[0]


def trimmed(html: str) -> str:
    """The page with its inline stylesheets trimmed to the rules that can apply to the page."""
    classes, ids = _names_in(html)
    sheets = [match.group(2) for match in _STYLE.finditer(html)]
    trimmed_sheets = iter(_trimmed_sheets(sheets, classes, ids, " ".join(_STYLE_ATTRIBUTE.findall(html))))
    return _STYLE.sub(lambda match: match.group(1) + next(trimmed_sheets) + match.group(3), html)
