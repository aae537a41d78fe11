"""The docs build with `mkdocs build --strict`: a broken link, a missing snippet or a
page left out of the nav fails the build, and so the suite."""

from .mkdocs_nav import nav_pages


def test_the_docs_build_strictly_with_every_page_of_the_nav(built_docs_site):
    for page in nav_pages():
        folder = "" if page == "index.md" else page.removesuffix(".md").removesuffix("/index")
        assert (built_docs_site / folder / "index.html").is_file(), f"{page} was not built"
