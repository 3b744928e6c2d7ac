#!/usr/bin/env python3
"""Build src/marsad/kb/data/countries.yaml from CLDR (via babel) plus a hand overlay.

Base names: babel's Locale('en'|'ar'|'ru').territories keyed by ISO 3166-1 alpha-2,
mapped to alpha-3 with pycountry. Overlay: scripts/countries_overlay.yaml (hand-curated:
name fixes, aliases, nisba, broken plurals, historical states).

The output is deterministic (entries sorted by id; list order as in the overlay).
The script refuses to write when a surface form points to two entries (after the
matcher's Arabic normalization and Latin/Cyrillic case folding).

Usage (throwaway venv; nothing is installed into the project):
    python3 -m venv /tmp/kbvenv
    /tmp/kbvenv/bin/pip install babel pycountry pyyaml
    /tmp/kbvenv/bin/python scripts/build_countries.py [--check]
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import babel
import pycountry
import yaml
from babel import Locale
from babel.core import get_cldr_version

ROOT = Path(__file__).resolve().parent.parent
OVERLAY = ROOT / "scripts" / "countries_overlay.yaml"
OUT = ROOT / "src" / "marsad" / "kb" / "data" / "countries.yaml"

# The 193 UN member states (ISO 3166-1 alpha-3).
UN_MEMBERS = [
    "AFG",
    "ALB",
    "DZA",
    "AND",
    "AGO",
    "ATG",
    "ARG",
    "ARM",
    "AUS",
    "AUT",
    "AZE",
    "BHS",
    "BHR",
    "BGD",
    "BRB",
    "BLR",
    "BEL",
    "BLZ",
    "BEN",
    "BTN",
    "BOL",
    "BIH",
    "BWA",
    "BRA",
    "BRN",
    "BGR",
    "BFA",
    "BDI",
    "CPV",
    "KHM",
    "CMR",
    "CAN",
    "CAF",
    "TCD",
    "CHL",
    "CHN",
    "COL",
    "COM",
    "COG",
    "CRI",
    "CIV",
    "HRV",
    "CUB",
    "CYP",
    "CZE",
    "PRK",
    "COD",
    "DNK",
    "DJI",
    "DMA",
    "DOM",
    "ECU",
    "EGY",
    "SLV",
    "GNQ",
    "ERI",
    "EST",
    "SWZ",
    "ETH",
    "FJI",
    "FIN",
    "FRA",
    "GAB",
    "GMB",
    "GEO",
    "DEU",
    "GHA",
    "GRC",
    "GRD",
    "GTM",
    "GIN",
    "GNB",
    "GUY",
    "HTI",
    "HND",
    "HUN",
    "ISL",
    "IND",
    "IDN",
    "IRN",
    "IRQ",
    "IRL",
    "ISR",
    "ITA",
    "JAM",
    "JPN",
    "JOR",
    "KAZ",
    "KEN",
    "KIR",
    "KWT",
    "KGZ",
    "LAO",
    "LVA",
    "LBN",
    "LSO",
    "LBR",
    "LBY",
    "LIE",
    "LTU",
    "LUX",
    "MDG",
    "MWI",
    "MYS",
    "MDV",
    "MLI",
    "MLT",
    "MHL",
    "MRT",
    "MUS",
    "MEX",
    "FSM",
    "MCO",
    "MNG",
    "MNE",
    "MAR",
    "MOZ",
    "MMR",
    "NAM",
    "NRU",
    "NPL",
    "NLD",
    "NZL",
    "NIC",
    "NER",
    "NGA",
    "MKD",
    "NOR",
    "OMN",
    "PAK",
    "PLW",
    "PAN",
    "PNG",
    "PRY",
    "PER",
    "PHL",
    "POL",
    "PRT",
    "QAT",
    "KOR",
    "MDA",
    "ROU",
    "RUS",
    "RWA",
    "KNA",
    "LCA",
    "VCT",
    "WSM",
    "SMR",
    "STP",
    "SAU",
    "SEN",
    "SRB",
    "SYC",
    "SLE",
    "SGP",
    "SVK",
    "SVN",
    "SLB",
    "SOM",
    "ZAF",
    "SSD",
    "ESP",
    "LKA",
    "SDN",
    "SUR",
    "SWE",
    "CHE",
    "SYR",
    "TJK",
    "THA",
    "TLS",
    "TGO",
    "TON",
    "TTO",
    "TUN",
    "TUR",
    "TKM",
    "TUV",
    "UGA",
    "UKR",
    "ARE",
    "GBR",
    "TZA",
    "USA",
    "URY",
    "UZB",
    "VUT",
    "VEN",
    "VNM",
    "YEM",
    "ZMB",
    "ZWE",
]
OBSERVERS = ["PSE", "VAT"]
OTHER = ["XKX", "TWN"]
HISTORICAL = ["SUN", "YUG", "CSK", "DDR"]
ALPHA2_EXTRA = {"XKX": "XK"}  # user-assigned code, not in ISO 3166 / pycountry

FIELDS = ["id", "name_en", "name_ar", "name_ru", "aliases", "nisba", "demonym_plurals", "valid_from", "valid_until"]
LIST_FIELDS = ("aliases", "nisba", "demonym_plurals")
NISBA_SUFFIXES = ("", "ة", "ين", "ون", "ان")

# CLDR display names with these marks are UI labels, not running-text forms:
# they are not kept as aliases when the overlay replaces them.
CLDR_LABEL = re.compile(r"&| - |\(|\bSt\.|о-в")

AR_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه"})


def norm(s: str) -> str:
    """Approximation of the matcher's normalization (for collision checks only)."""
    s = unicodedata.normalize("NFC", s)
    s = AR_DIACRITICS.sub("", s).translate(AR_MAP)
    s = s.replace("ё", "е").replace("Ё", "Е")
    return " ".join(s.casefold().split())


def build() -> tuple[list[dict], str, str]:
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193, len(UN_MEMBERS)
    overlay = yaml.safe_load(OVERLAY.read_text(encoding="utf-8"))["entries"]
    loc = {lang: Locale(lang).territories for lang in ("en", "ar", "ru")}

    entries = []
    for cid in sorted(UN_MEMBERS + OBSERVERS + OTHER + HISTORICAL):
        ov = dict(overlay.get(cid) or {})
        unknown = set(ov) - set(FIELDS)
        if unknown:
            sys.exit(f"overlay {cid}: unknown keys {sorted(unknown)}")
        e: dict = {"id": cid}
        cldr_aliases: list[str] = []
        a2 = None if cid in HISTORICAL else ALPHA2_EXTRA.get(cid) or pycountry.countries.get(alpha_3=cid).alpha_2
        for lang in ("en", "ar", "ru"):
            key = f"name_{lang}"
            cldr = loc[lang].get(a2) if a2 else None
            name = ov.pop(key, None) or cldr
            if not name:
                sys.exit(f"{cid}: no {key} (not in CLDR, not in overlay)")
            if cldr and cldr != name and not CLDR_LABEL.search(cldr):
                cldr_aliases.append(cldr)
            e[key] = name
        names = {e["name_en"], e["name_ar"], e["name_ru"]}
        aliases = []
        for a in cldr_aliases + list(ov.pop("aliases", []) or []):
            if a not in names and a not in aliases:
                aliases.append(a)
        if aliases:
            e["aliases"] = aliases
        for k in ("nisba", "demonym_plurals"):
            vals = list(dict.fromkeys(ov.pop(k, []) or []))
            if vals:
                e[k] = vals
        for k in ("valid_from", "valid_until"):
            if k in ov:
                e[k] = str(ov.pop(k))
        if ov:
            sys.exit(f"overlay {cid}: unused keys {sorted(ov)}")
        entries.append(e)

    missing = set(overlay) - {e["id"] for e in entries}
    if missing:
        sys.exit(f"overlay ids not in the country list: {sorted(missing)}")
    return entries, babel.__version__, get_cldr_version()


def check(entries: list[dict]) -> list[str]:
    """Every surface form (names, aliases, nisba with generated endings, plurals)
    must point to one entry after normalization; within an entry, no two listed
    forms may be pure normalization variants of each other."""
    errors = []
    owner: dict[str, tuple[str, str]] = {}
    for e in entries:
        forms = [e["name_en"], e["name_ar"], e["name_ru"], *e.get("aliases", [])]
        forms += [n + suf for n in e.get("nisba", []) for suf in NISBA_SUFFIXES]
        forms += e.get("demonym_plurals", [])
        seen_here: dict[str, str] = {}
        for f in forms:
            n = norm(f)
            if n in owner and owner[n][0] != e["id"]:
                errors.append(f"{f!r} in {e['id']} collides with {owner[n][1]!r} in {owner[n][0]}")
            owner.setdefault(n, (e["id"], f))
            if n in seen_here and seen_here[n] != f:
                errors.append(f"{e['id']}: {f!r} is a normalization variant of {seen_here[n]!r}")
            seen_here.setdefault(n, f)
        for k in LIST_FIELDS:
            for v in e.get(k, []):
                if v != v.strip() or not v:
                    errors.append(f"{e['id']}: blank/padded {k} {v!r}")
                if k != "aliases" and v.startswith("ال"):
                    errors.append(f"{e['id']}: {k} {v!r} must be written without ال")
        if "valid_from" in e and "valid_until" in e and e["valid_until"] and e["valid_from"] > e["valid_until"]:
            errors.append(f"{e['id']}: valid_from after valid_until")
    return errors


def q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def render(entries: list[dict], babel_version: str, cldr_version: str) -> str:
    out = [
        "# Generated by scripts/build_countries.py from CLDR (babel) and",
        "# scripts/countries_overlay.yaml. Edit the overlay, not this file.",
        f"source: {q(f'CLDR {cldr_version} territory names (en, ar, ru) via babel {babel_version}; ISO 3166-1 alpha-2 to alpha-3 via pycountry; hand-curated overlay scripts/countries_overlay.yaml (common Arabic/Russian short names, spelling variants, official long names, abbreviations, nisba, broken plurals, historical states with dates from Wikipedia)')}",
        f"licence: {q('Unicode-3.0 for CLDR names; CC BY-SA 4.0 for Wikipedia facts (historical dates); CC0 hand additions')}",
        "entries:",
    ]
    for e in entries:
        first = True
        for k in FIELDS:
            if k not in e:
                continue
            v = e[k]
            val = "[" + ", ".join(q(x) for x in v) + "]" if isinstance(v, list) else q(v)
            out.append(f"  {'- ' if first else '  '}{k}: {val}")
            first = False
    return "\n".join(out) + "\n"


def main() -> int:
    entries, bv, cv = build()
    errors = check(entries)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    text = render(entries, bv, cv)
    if "--check" in sys.argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("countries.yaml is up to date" if same else "countries.yaml is stale")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    n_alias = sum(len(e.get("aliases", [])) for e in entries)
    n_nisba = sum(len(e.get("nisba", [])) for e in entries)
    n_pl = sum(len(e.get("demonym_plurals", [])) for e in entries)
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(entries)} entries, {n_alias} aliases, "
        f"{n_nisba} nisba, {n_pl} demonym_plurals"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
