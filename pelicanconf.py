"""Site settings. Paths resolve relative to this file, so `pelican DIR -s pelicanconf.py` works from
any working directory."""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --- Site -----------------------------------------------------------------------------------
SITENAME = "Multilingual News Archive"
# The site's name and one-line description in each interface language (pages, feeds, OPML); a
# language missing here falls back to SITENAME / SITE_DESCRIPTION.
SITENAMES = {"zh": "多语种新闻档案", "ar": "أرشيف الأخبار متعدد اللغات", "fa": "بایگانی خبر چندزبانه"}
SITE_DESCRIPTION = "News reports in Chinese, Arabic and Persian, one event side by side across languages."
SITE_DESCRIPTIONS = {
    "zh": "中文、阿拉伯文和波斯文的新闻报道，同一事件的不同语言报道并列呈现。",
    "ar": "تقارير إخبارية بالصينية والعربية والفارسية، وتغطية الحدث الواحد بلغات مختلفة جنبًا إلى جنب.",
    "fa": "گزارش‌های خبری به زبان‌های چینی، عربی و فارسی؛ پوشش یک رویداد به زبان‌های مختلف در کنار هم.",
}
SITEURL = ""  # empty for `make serve`; publishconf.py sets the public address
DEFAULT_LANG = "en"  # interface language of pages that mix languages
TIMEZONE = "UTC"

# --- Content ----------------------------------------------------------------------------------
PATH = str(HERE / "content")
ARTICLE_PATHS = [""]
PAGE_PATHS = []  # every file is an article; site pages come from the theme
STATIC_PATHS = []
USE_FOLDER_AS_CATEGORY = False  # the outlet (from source profiles) is the category
DEFAULT_CATEGORY = "Other sources"
DEFAULT_DATE = None  # never invent a date: undated articles stay undated
ARTICLE_TRANSLATION_ID = None  # reports in several languages are separate articles, not translations

# --- Ingestion (plugins/ingest) ----------------------------------------------------------------
INGEST_LANGUAGES = ["zh", "ar", "fa"]  # candidates for language identification
INGEST_SOURCE_PROFILES = "sources.yml"  # optional extra profiles in the content folder
INGEST_DATA_FILES = ["sources.yml", "tags.yml"]  # content files that are data, not articles
INGEST_IGNORED_LABELS = ["新闻", "新媒体", "news", "uncategorized", "未分类"]  # generic front-matter labels
INGEST_REPORT = "ingest-report.json"  # written into the output folder
INGEST_STRICT = os.environ.get("STRICT", "") not in ("", "0")  # STRICT=1: any rejection fails the build
# Ingestion results are cached by file content, path and code version, so a rebuild only reads
# what changed (delete the file to start afresh). INGEST_CACHE in the environment: "off" disables
# it, a path puts it there (the tests keep it in their temporary folder, not in the repository).
_cache = os.environ.get("INGEST_CACHE") or str(HERE / "cache" / "ingest.sqlite")
INGEST_CACHE = None if _cache == "off" else _cache
INGEST_WORKERS = None  # processes for ingestion; None: one per CPU

# --- Search (plugins/search): Pagefind's extended build indexes the output after every build -------
SEARCH_INDEX = True
SEARCH_LANGUAGE = "und"  # one index for all languages, of folded tokens (plugins/search/text.py): no stemming

# --- Same story, other languages (plugins/stories) --------------------------------------------------
# Overrides of plugins/stories/linking.py's Settings, e.g. {"same_min": 2.0, "same_window_days": 2}
STORY_SETTINGS = {}

# --- Plugins and theme ---------------------------------------------------------------------------
PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = [
    "scripts",  # connects nothing: listed so the others can import it (script and language tables)
    "contract",  # the typed settings the others import, and the start-of-build check
    "ingest",
    "tagging",
    "listings",
    "stories",
    "localize",
    "feeds",
    "incremental",
    "search",
]  # order matters (each plugin's AFTER, checked at start): scripts, contract, ingest, tags, listings

# --- Tags (plugins/tagging) ------------------------------------------------------------------------
# The vocabulary: the first file that exists; relative paths are in the content folder, so an archive
# can carry its own tags.yml, and any other folder gets this one.
TAG_VOCABULARY = ["tags.yml", str(HERE / "content" / "tags.yml")]
TAG_MIN_BODY_MENTIONS = 2  # body mentions needed when the title does not name the tag
THEME = str(HERE / "theme")
# Autoescape: titles, bylines and captions come from untrusted files; only the sanitized article
# body is marked safe in the templates.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n", "jinja2.ext.do"],
    # each build makes its environment anew: no stat of every included template on every page
    "auto_reload": False,
}

# --- Interface language (plugins/localize) -------------------------------------------------------
# Catalogs in theme/translations/LANG/LC_MESSAGES/messages.po. Listings that mix languages use
# DEFAULT_LANG; an article page and a per-language listing use their own language when it has one.
UI_LANGUAGES = ["en", "zh", "ar", "fa"]
# Digits of the interface (dates, counts) per language: "native" (٢٠٢١, ۲۰۲۱) or "latn" (2021). A
# language left out follows what most digits in the archive's own articles in it are, so the dates
# beside a body match the body.
DIGITS = {}

# --- URLs: one page per article, the same pattern whatever its language -------------------------
ARTICLE_URL = "articles/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_URL
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_URL
CATEGORY_URL = "outlets/{slug}.html"
CATEGORY_SAVE_AS = CATEGORY_URL
CATEGORIES_SAVE_AS = "outlets/index.html"
TAG_URL = "tags/{slug}.html"
TAG_SAVE_AS = TAG_URL
TAGS_SAVE_AS = "tags/index.html"
AUTHOR_SAVE_AS = ""  # bylines are shown on articles, not given pages
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = "archives.html"
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "search", "404"]
# Dates in file names (Jekyll's 2021-04-09-slug.md) are read by the ingest reader, which ignores a
# day that does not exist; Pelican's own reading of them rejected 2021-02-30-x.md with no reason.
FILENAME_METADATA = ""
# Hidden files and folders (.git/, .DS_Store, .draft.md) are not content. Pelican's default, "**/.*",
# is matched against bare names and so never matches one at the top of the folder.
IGNORE_FILES = [".*"]
DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "language": None}
# Page 2 on in a folder of the listing (tags/iraq/page/2/index.html, zh/page/2/index.html): a slug has
# no "/", so no tag or outlet named "iraq2" can take a listing's page 2 (Pelican's default, iraq2.html).
PAGINATION_PATTERNS = [
    (1, "{name}{extension}", "{name}{extension}"),
    (2, "{base_name}/page/{number}/index.html", "{base_name}/page/{number}/index.html"),
]
RELATIVE_URLS = True

# --- Feeds (plugins/feeds): RSS 2.0 and Atom for all, each language, tag and outlet ----------------
FEED_MAX_ITEMS = 50  # newest items per feed
# Feeds need absolute links: SITEURL when publishing (publishconf.py), else this preview address
# (`make serve PORT=…` sets it to match).
FEED_SITEURL = os.environ.get("FEED_SITEURL", "http://localhost:8000")
# Pelican's own feeds are off, so nothing is written twice:
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Build ---------------------------------------------------------------------------------------
DELETE_OUTPUT_DIRECTORY = False
import logging

LOG_FILTER = [(logging.WARNING, "Empty alt attribute for image %s in %s")]  # decorative images are alt=""
