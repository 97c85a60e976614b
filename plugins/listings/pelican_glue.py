"""Pelican side of the listings: generators for per-language pages and the archives' year pages,
context for the archives."""

from __future__ import annotations

from pelican.generators import Generator

from .grouping import UNDATED_URL, Members, archive_tree, by_language, link_neighbours
from .home import home_page


def add_archive_context(generator) -> None:
    _linear_groups(generator)
    link_neighbours(generator.articles)
    years, undated = archive_tree(generator.articles)
    generator.context["archive_years"] = years
    generator.context["undated_articles"] = undated
    generator.context["undated_archive_url"] = UNDATED_URL
    generator.context["articles_by_language"] = by_language(generator.articles)


def _linear_groups(generator) -> None:
    """Tags, categories and authors as Members, so their pages are linear in the archive's size
    (the context holds them as Pelican's own generate_context left them: lists of pairs)."""
    generator.tags = {tag: Members(articles) for tag, articles in generator.tags.items()}
    generator.categories = [(category, Members(articles)) for category, articles in generator.categories]
    generator.authors = [(author, Members(articles)) for author, articles in generator.authors]
    generator.context["tags"] = list(generator.tags.items())
    generator.context["categories"] = generator.categories
    generator.context["authors"] = generator.authors


class LanguageListings(Generator):
    """Writes LANG/index.html (paginated, in that language's interface) and languages/index.html."""

    def generate_context(self) -> None:
        # after the articles generator's context and its finalized signal (stories are linked then);
        # the index page is written later, from this same context
        self.context["home"] = home_page(
            self.context.get("articles", []),
            self.context.get("stories", []),
            self.context.get("articles_by_language", {}),
        )

    def generate_output(self, writer) -> None:
        groups = self.context.get("articles_by_language", {})
        relative = self.settings["RELATIVE_URLS"]
        template = self.get_template("language")
        for lang, articles in groups.items():
            writer.write_file(
                f"{lang}/index.html",
                template,
                self.context,
                relative,
                paginated={"articles": articles, "dates": articles},
                template_name="language",
                url=f"{lang}/index.html",
                listing_lang=lang,
                listing_articles=articles,
            )
        writer.write_file(
            "languages/index.html", self.get_template("languages"), self.context, relative, url="languages/index.html"
        )


class ArchivePages(Generator):
    """archives/<year>.html for each year (its months and their articles, links to the years beside
    it) and archives/undated.html; archives.html (a direct template) is the index of the years."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        years = self.context.get("archive_years", [])
        relative = self.settings["RELATIVE_URLS"]
        template = self.get_template("archive_year")
        for i, year in enumerate(years):  # newest first
            newer = years[i - 1] if i > 0 else None
            older = years[i + 1] if i + 1 < len(years) else None
            writer.write_file(
                year.url, template, self.context, relative, year=year, newer=newer, older=older, url=year.url
            )
        if self.context.get("undated_articles"):
            writer.write_file(UNDATED_URL, template, self.context, relative, year=None, url=UNDATED_URL)
