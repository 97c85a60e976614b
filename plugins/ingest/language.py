"""Language of a text among the archive's languages. A statistical identifier restricted to them decides;
the script decides where the identifier is unsure, so Persian is not taken for Arabic."""

from __future__ import annotations

import copy
import os
import threading

from py3langid.langid import MODEL_FILE, LanguageIdentifier
from scripts import LATIN_RE, ZWNJ, normalize_language, script_counts

SUPPORTED = ("zh", "ar", "fa")

# Letters only Persian uses (پ چ ژ گ), Persian forms of shared letters (ک ی) which Persian
# typed on an Arabic keyboard lacks, and letters only Arabic uses (ة ى) or writes so (ي ك).
_PERSIAN_ONLY = set("پچژگ")
_PERSIAN_FORMS = set("کی")
_ARABIC_ONLY = set("ةى")
_ARABIC_FORMS = set("يك")
_CONFIDENT = 0.95
_NON_LATIN = frozenset({"zh", "ar", "fa"})  # the candidates written in Han or Arabic script
_MIN_SCRIPT_LETTERS = 10
_FAIRLY_SURE = 0.8
# Latin-script languages with a large news press: a short text is told apart among these only
_LATIN_NEWS_LANGUAGES = (
    "en", "fr", "de", "es", "pt", "it", "nl", "tr", "id", "ms", "vi", "pl", "ro", "cs", "hu", "sv", "da", "no",
    "fi", "sw", "ha", "so", "uz", "az", "tl",
)  # fmt: skip
_SAMPLE = 2000


class _Models:
    """The identifier's model, loaded once per process (0.7 s: 68 MB LZMA-compressed), and its
    restrictions to sets of languages, which share its tables."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # a second caller waits for a load under way, never loads again
        self._full: LanguageIdentifier | None = None
        self._restricted: dict[tuple[str, ...], LanguageIdentifier] = {}
        self._asked = False  # whether anything but a preload asked for one

    def get(self, languages: tuple[str, ...], asked: bool = True) -> LanguageIdentifier:
        with self._lock:
            self._asked = self._asked or asked
            if (found := self._restricted.get(languages)) is None:
                if self._full is None:
                    self._full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                found = copy.copy(self._full)  # set_languages replaces its tables, never changes them
                if languages:  # () keeps every language of the model
                    found.set_languages(list(languages))
                self._restricted[languages] = found
            return found

    def preload(self, languages: tuple[str, ...]) -> None:
        """Load in the background: decompressing releases the GIL, so the load overlaps the start of
        a build that will probably identify a changed file's language."""
        threading.Thread(target=self.get, args=(languages, False), name="langid-preload", daemon=True).start()

    def release_unasked(self) -> None:
        """Drop a preloaded model nothing asked for (a rebuild with no changed file)."""
        with self._lock:
            if not self._asked:
                self._full, self._restricted = None, {}

    def forked(self) -> None:
        """In a forked child (the ingestion pool's workers): a new lock, since a preload in the
        parent may hold the old one in a thread the child does not have. What was loaded whole
        before the fork is kept (a model is set only once loaded)."""
        self._lock = threading.Lock()


MODELS = _Models()  # per process, like the model file it loads
os.register_at_fork(after_in_child=MODELS.forked)


def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    return MODELS.get(languages)


def _persian_or_arabic(text: str) -> str | None:
    persian = sum(ch in _PERSIAN_ONLY for ch in text) + 3 * text.count(ZWNJ)
    arabic = sum(ch in _ARABIC_ONLY for ch in text)
    if persian != arabic:
        return "fa" if persian > arabic else "ar"
    persian = sum(ch in _PERSIAN_FORMS for ch in text)
    arabic = sum(ch in _ARABIC_FORMS for ch in text)
    if persian != arabic:
        return "fa" if persian > arabic else "ar"
    return None


def detect_language(text: str, languages: tuple[str, ...] = SUPPORTED) -> str | None:
    """The language of `text` among `languages`, or None when no candidate's script is present."""
    sample = text[:_SAMPLE]
    han, arabic, latin = script_counts(sample)
    if not (han or arabic or latin):
        return None
    dominant = max((han, "han"), (arabic, "arabic"), (latin, "latin"))[1]
    if dominant == "latin" and not set(languages) - _NON_LATIN and max(han, arabic) >= _MIN_SCRIPT_LETTERS:
        # Latin letters (product names, terms) cannot make the text a language we do not look for:
        # the archive's script that is present decides
        dominant = "han" if han >= arabic else "arabic"
    if dominant == "han" and "zh" in languages:
        return "zh"
    lang, confidence = _identifier(tuple(languages)).classify(sample)
    if dominant == "arabic" and {"ar", "fa"} & set(languages):
        by_script = _persian_or_arabic(sample)
        if lang not in ("ar", "fa") or (confidence < _CONFIDENT and by_script):
            return by_script or ("ar" if "ar" in languages else "fa")
        return lang
    # Latin script: a Latin-script candidate if there is one, else the identifier's own answer
    # when it is sure (an English post in a Chinese blog is English, not "unrecognised"), else the
    # major news language it is fairly sure of; a caption of names ("Photo: Untitled (Shanghai), by
    # Hsiuan Boyen") is too short for any of that and is English, these archives' Latin language
    if lang in _NON_LATIN or confidence < 0.5:
        lang, confidence = _identifier(()).classify(sample)
        if confidence >= _CONFIDENT and lang not in _NON_LATIN:
            return lang
        lang, confidence = _identifier(_LATIN_NEWS_LANGUAGES).classify(sample)
        if confidence >= _FAIRLY_SURE:
            return lang
        if han or arabic:  # a few words of the archive's own script decide before a guess
            return detect_language(LATIN_RE.sub(" ", sample), languages)
        return "en"
    return lang


def checked_language(tag: str | None, languages: tuple[str, ...] = SUPPORTED) -> str | None:
    """The language of a tag a file declares (front matter, `<html lang>`), if the tag is
    well-formed BCP 47 and the language one of `languages`; else None. A declared language becomes
    a folder and feed name, so nothing else may pass."""
    primary = normalize_language(tag)
    return primary if primary in languages else None
