"""What the MkDocs hooks (scripts/hooks/) delegate to.

blocks runs every executed block; generators reads what each page generator declares;
notebooks fits mkdocs-jupyter's pages to the site; page_links rewrites generated links;
adapters holds every coupling to a third-party internal, with the versions it was written for.
"""
