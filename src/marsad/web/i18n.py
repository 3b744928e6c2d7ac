"""The interface language: Arabic (right to left) or English, chosen by ``?lang=`` and kept
in a cookie; the words come from ``i18n.yaml``, the names they label from the vocabulary."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import Request

from marsad.datafile import load_yaml
from marsad.vocabulary import EVENT_TYPE_NAMES
from marsad.web.view import arabic_plural_form, english_plural_form

LANGUAGES = ("ar", "en")
COOKIE = "marsad_lang"


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    return load_yaml(resources.files("marsad.web").joinpath("i18n.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Language:
    code: str

    @property
    def dir(self) -> str:
        return "rtl" if self.code == "ar" else "ltr"

    @property
    def other(self) -> str:
        return "en" if self.code == "ar" else "ar"

    def t(self, key: str) -> str:
        entry = _words()["words"].get(key)
        return entry[self.code] if entry else key

    def count(self, n: int, noun: str) -> str:
        """``n`` with ``noun`` in its plural form («1 source», «3 مصادر», «11 مصدرًا»); the
        forms are in ``i18n.yaml``'s ``counts`` section, ``{n}`` standing for the number."""
        forms = _words()["counts"][noun][self.code]
        category = arabic_plural_form(n) if self.code == "ar" else english_plural_form(n)
        form = forms.get(category) or forms["other"]
        return str(form).replace("{n}", f"{n:,}")

    def date_source(self, source: str) -> str:
        return self._label("date_sources", source)

    def change(self, change: str) -> str:
        """A membership history's word for a change («joined», «left», «frozen» …)."""
        return self._label("membership_changes", change)

    def office(self, office: str) -> str:
        return self._label("offices", office)

    def entity_type(self, entity_type: str) -> str:
        return self._label("entity_types", entity_type)

    def figure(self, what: str) -> str:
        """What a figure measures; a kind the interface has no label for, as written."""
        return self._label("figures", what).replace("_", " ")

    def event_type(self, event_type: str) -> str:
        return self._label("event_types", event_type)

    def event_types(self) -> dict[str, str]:
        """Every event type of the vocabulary, in its order, with its label."""
        return {name: self.event_type(name) for name in EVENT_TYPE_NAMES}

    def modality(self, modality: str) -> str:
        return self._label("modalities", modality)

    def membership_status(self, status: str) -> str:
        return self._label("membership_statuses", status)

    def _label(self, section: str, name: str) -> str:
        """The label of a name of the vocabulary; the name itself when it has none (a value
        an older store holds)."""
        entry = _words()[section].get(name or "")
        return entry[self.code] if entry else name

    def name(self, name_ar: str | None, name_en: str | None, fallback: str = "") -> str:
        """An entity's name in the interface language, else the other one."""
        first, second = (name_ar, name_en) if self.code == "ar" else (name_en, name_ar)
        return first or second or fallback


def language_of(request: Request) -> Language:
    asked = request.query_params.get("lang") or request.cookies.get(COOKIE) or "ar"
    return Language(asked if asked in LANGUAGES else "ar")
