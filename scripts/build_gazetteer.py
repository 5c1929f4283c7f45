#!/usr/bin/env python3
"""Build and validate the Indonesian gazetteer in kg/lang/id/gazetteer/.

countries.tsv is generated: the base names come from Unicode CLDR through Babel
(Indonesian and English territory names), then the hand-curated tables below give the
names, aliases and capitals the Indonesian press uses. places.tsv, organizations.tsv and
ambiguous.tsv are maintained by hand; this script only validates them.

Usage:
    python scripts/build_gazetteer.py           # regenerate countries.tsv, then validate all files
    python scripts/build_gazetteer.py --check   # validate only (and check countries.tsv is up to date)

Exit status is 0 when every file is valid, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZ_DIR = ROOT / "kg" / "lang" / "id" / "gazetteer"
COMMON_WORDS = ROOT / "kg" / "lang" / "id" / "common_words.txt"

# --------------------------------------------------------------------------------------
# Which territories get a row: the 193 UN member states plus four entities that the
# Indonesian press commonly treats as states.
# --------------------------------------------------------------------------------------
UN_MEMBERS = """
AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ
CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI
FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM
JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG
MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK
PL PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD
TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ VC VE VN VU WS YE ZA ZM ZW
""".split()
EXTRA_STATES = ["PS", "TW", "XK", "VA"]  # Palestina, Taiwan, Kosovo, Vatikan

# --------------------------------------------------------------------------------------
# Hand-curated overrides (Indonesian press usage).
# --------------------------------------------------------------------------------------

# `name` when the press form differs from CLDR's Indonesian name (CLDR's name then becomes an alias).
NAME_OVERRIDES = {
    "AF": "Afghanistan",
    "BN": "Brunei Darussalam",
    "BY": "Belarusia",
    "CD": "Republik Demokratik Kongo",
    "CG": "Republik Kongo",
    "CI": "Pantai Gading",
    "CL": "Chili",
    "GB": "Inggris",
    "HU": "Hongaria",
    "MM": "Myanmar",
    "PS": "Palestina",
    "SZ": "Eswatini",
}

# Extra aliases, in the order they should be listed (CLDR's Indonesian name and the English
# CLDR name are added automatically unless listed in DROP_ALIASES).
EXTRA_ALIASES = {
    "AE": ["UEA", "UAE", "Emirat Arab"],
    "AG": ["Antigua and Barbuda"],
    "AR": ["Negeri Tango"],
    "AU": ["Negeri Kanguru"],
    "BA": ["Bosnia-Herzegovina", "Bosnia"],
    "BR": ["Negeri Samba"],
    "BY": ["Belarus", "Republik Belarus"],
    "CD": ["RD Kongo", "Kongo-Kinshasa", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "CG": ["Kongo-Brazzaville", "Republic of the Congo", "Congo-Brazzaville"],
    "CH": ["Konfederasi Swiss"],
    "CI": ["Ivory Coast"],
    "CL": ["Cile"],
    "CN": [
        "China",
        "Cina",
        "RRT",
        "Republik Rakyat Tiongkok",
        "RRC",
        "Republik Rakyat China",
        "Republik Rakyat Cina",
        "People's Republic of China",
        "Negeri Tirai Bambu",
    ],
    "CV": ["Cabo Verde"],
    "CZ": ["Republik Ceko", "Czech Republic", "Cheska"],
    "DE": ["Republik Federal Jerman", "Negeri Panser"],
    "DJ": ["Djibouti"],
    "EG": ["Republik Arab Mesir", "Negeri Piramida"],
    "ES": ["Kerajaan Spanyol", "Negeri Matador"],
    "FM": ["Federated States of Micronesia", "Negara Federasi Mikronesia"],
    "FR": ["Perancis", "Republik Prancis"],
    "GB": [
        "Britania Raya",
        "Kerajaan Inggris",
        "UK",
        "United Kingdom",
        "Britain",
        "Great Britain",
        "Kerajaan Bersatu",
    ],
    "GR": ["Greece"],
    "ID": ["RI", "Republik Indonesia", "NKRI", "Negara Kesatuan Republik Indonesia"],
    "IN": ["Republik India"],
    "IR": ["Republik Islam Iran", "Negeri Para Mullah"],
    "JP": ["Negeri Sakura", "Negeri Matahari Terbit"],
    "KG": ["Kirgistan", "Kyrgyzstan"],
    "KN": ["Saint Kitts and Nevis"],
    "KP": ["Korut", "Republik Rakyat Demokratik Korea", "RRDK", "DPRK"],
    "KR": ["Korsel", "Republik Korea", "Negeri Ginseng"],
    "LC": ["Saint Lucia"],
    "LU": ["Luxemburg"],
    "MK": ["Republik Makedonia Utara"],
    "MM": ["Burma"],
    "MY": ["Negeri Jiran"],
    "NL": ["Kerajaan Belanda", "Holland", "Nederland", "Negeri Kincir Angin"],
    "PG": ["PNG"],
    "PH": ["Republik Filipina"],
    "PS": ["Negara Palestina", "Palestine"],
    "RU": ["Federasi Rusia", "Russian Federation", "Negeri Beruang Merah"],
    "SA": ["Saudi", "Kerajaan Arab Saudi"],
    "SG": ["Republik Singapura", "Negeri Singa"],
    "ST": ["Sao Tome and Principe", "São Tomé and Príncipe"],
    "SY": ["Republik Arab Suriah"],
    "SZ": ["eSwatini", "Swaziland"],
    "TH": ["Muangthai", "Kerajaan Thailand", "Negeri Gajah Putih"],
    "TL": ["Timor-Leste", "Republik Demokratik Timor Leste", "RDTL", "East Timor"],
    "TR": ["Turkey", "Turkiye"],
    "TT": ["Trinidad and Tobago"],
    "UA": ["Ukraine"],
    "US": [
        "AS",
        "Amerika",
        "USA",
        "U.S.",
        "US",
        "U.S.A.",
        "United States",
        "United States of America",
        "Negeri Paman Sam",
        "Paman Sam",
    ],
    "VA": ["Kota Vatikan", "Takhta Suci", "Holy See", "Vatican", "Vatican City"],
    "VC": ["Saint Vincent and the Grenadines"],
    "VN": ["Viet Nam"],
    "XK": ["Republik Kosovo"],
    "ZA": ["Afsel"],
}

# CLDR-derived aliases that must not be used (ambiguous, or formatted for display, not for matching).
DROP_ALIASES = {
    "JO": {"Jordan"},  # very common given name
    "PS": {"Palestinian Territories"},
    "UM": set(),
}

# Capitals as Indonesian exonyms. Missing key or "" = deliberately left empty:
# IL (status of Yerusalem contested), PS (contested), NR (no official capital).
# A capital is either the country's own name (city-states) or a `city` row of places.tsv.
CAPITALS = {
    "AD": "Andorra la Vella",
    "AE": "Abu Dhabi",
    "AF": "Kabul",
    "AG": "Saint John's",
    "AL": "Tirana",
    "AM": "Yerevan",
    "AO": "Luanda",
    "AR": "Buenos Aires",
    "AT": "Wina",
    "AU": "Canberra",
    "AZ": "Baku",
    "BA": "Sarajevo",
    "BB": "Bridgetown",
    "BD": "Dhaka",
    "BE": "Brussel",
    "BF": "Ouagadougou",
    "BG": "Sofia",
    "BH": "Manama",
    "BI": "Gitega",
    "BJ": "Porto-Novo",
    "BN": "Bandar Seri Begawan",
    "BO": "Sucre",
    "BR": "Brasilia",
    "BS": "Nassau",
    "BT": "Thimphu",
    "BW": "Gaborone",
    "BY": "Minsk",
    "BZ": "Belmopan",
    "CA": "Ottawa",
    "CD": "Kinshasa",
    "CF": "Bangui",
    "CG": "Brazzaville",
    "CH": "Bern",
    "CI": "Yamoussoukro",
    "CL": "Santiago",
    "CM": "Yaounde",
    "CN": "Beijing",
    "CO": "Bogota",
    "CR": "San Jose",
    "CU": "Havana",
    "CV": "Praia",
    "CY": "Nikosia",
    "CZ": "Praha",
    "DE": "Berlin",
    "DJ": "Jibuti",
    "DK": "Kopenhagen",
    "DM": "Roseau",
    "DO": "Santo Domingo",
    "DZ": "Aljir",
    "EC": "Quito",
    "EE": "Tallinn",
    "EG": "Kairo",
    "ER": "Asmara",
    "ES": "Madrid",
    "ET": "Addis Ababa",
    "FI": "Helsinki",
    "FJ": "Suva",
    "FM": "Palikir",
    "FR": "Paris",
    "GA": "Libreville",
    "GB": "London",
    "GD": "Saint George's",
    "GE": "Tbilisi",
    "GH": "Accra",
    "GM": "Banjul",
    "GN": "Conakry",
    "GQ": "Malabo",
    "GR": "Athena",
    "GT": "Kota Guatemala",
    "GW": "Bissau",
    "GY": "Georgetown",
    "HN": "Tegucigalpa",
    "HR": "Zagreb",
    "HT": "Port-au-Prince",
    "HU": "Budapest",
    "ID": "Jakarta",
    "IE": "Dublin",
    "IL": "",
    "IN": "New Delhi",
    "IQ": "Baghdad",
    "IR": "Teheran",
    "IS": "Reykjavik",
    "IT": "Roma",
    "JM": "Kingston",
    "JO": "Amman",
    "JP": "Tokyo",
    "KE": "Nairobi",
    "KG": "Bishkek",
    "KH": "Phnom Penh",
    "KI": "Tarawa",
    "KM": "Moroni",
    "KN": "Basseterre",
    "KP": "Pyongyang",
    "KR": "Seoul",
    "KW": "Kota Kuwait",
    "KZ": "Astana",
    "LA": "Vientiane",
    "LB": "Beirut",
    "LC": "Castries",
    "LI": "Vaduz",
    "LK": "Sri Jayawardenepura Kotte",
    "LR": "Monrovia",
    "LS": "Maseru",
    "LT": "Vilnius",
    "LU": "Luksemburg",
    "LV": "Riga",
    "LY": "Tripoli",
    "MA": "Rabat",
    "MC": "Monako",
    "MD": "Chisinau",
    "ME": "Podgorica",
    "MG": "Antananarivo",
    "MH": "Majuro",
    "MK": "Skopje",
    "ML": "Bamako",
    "MM": "Naypyidaw",
    "MN": "Ulaanbaatar",
    "MR": "Nouakchott",
    "MT": "Valletta",
    "MU": "Port Louis",
    "MV": "Male",
    "MW": "Lilongwe",
    "MX": "Mexico City",
    "MY": "Kuala Lumpur",
    "MZ": "Maputo",
    "NA": "Windhoek",
    "NE": "Niamey",
    "NG": "Abuja",
    "NI": "Managua",
    "NL": "Amsterdam",
    "NO": "Oslo",
    "NP": "Kathmandu",
    "NR": "",
    "NZ": "Wellington",
    "OM": "Muskat",
    "PA": "Kota Panama",
    "PE": "Lima",
    "PG": "Port Moresby",
    "PH": "Manila",
    "PK": "Islamabad",
    "PL": "Warsawa",
    "PS": "",
    "PT": "Lisabon",
    "PW": "Ngerulmud",
    "PY": "Asuncion",
    "QA": "Doha",
    "RO": "Bukares",
    "RS": "Beograd",
    "RU": "Moskow",
    "RW": "Kigali",
    "SA": "Riyadh",
    "SB": "Honiara",
    "SC": "Victoria",
    "SD": "Khartoum",
    "SE": "Stockholm",
    "SG": "Singapura",
    "SI": "Ljubljana",
    "SK": "Bratislava",
    "SL": "Freetown",
    "SM": "San Marino",
    "SN": "Dakar",
    "SO": "Mogadishu",
    "SR": "Paramaribo",
    "SS": "Juba",
    "ST": "São Tomé",
    "SV": "San Salvador",
    "SY": "Damaskus",
    "SZ": "Mbabane",
    "TD": "N'Djamena",
    "TG": "Lome",
    "TH": "Bangkok",
    "TJ": "Dushanbe",
    "TL": "Dili",
    "TM": "Ashgabat",
    "TN": "Tunis",
    "TO": "Nuku'alofa",
    "TR": "Ankara",
    "TT": "Port of Spain",
    "TV": "Funafuti",
    "TW": "Taipei",
    "TZ": "Dodoma",
    "UA": "Kyiv",
    "UG": "Kampala",
    "US": "Washington",
    "UY": "Montevideo",
    "UZ": "Tashkent",
    "VA": "Vatikan",
    "VC": "Kingstown",
    "VE": "Caracas",
    "VN": "Hanoi",
    "VU": "Port Vila",
    "WS": "Apia",
    "XK": "Pristina",
    "YE": "Sanaa",
    "ZA": "Pretoria",
    "ZM": "Lusaka",
    "ZW": "Harare",
}

# --------------------------------------------------------------------------------------
# File formats
# --------------------------------------------------------------------------------------
COLUMNS = {
    "countries.tsv": ("iso", "name", "aliases", "capital"),
    "places.tsv": ("name", "kind", "country", "aliases"),
    "organizations.tsv": ("name", "kind", "country", "aliases"),
    "ambiguous.tsv": ("form", "reason", "note"),
}
KINDS = {
    "places.tsv": {"city", "region", "continent", "water", "landmark"},
    "organizations.tsv": {"international", "government", "military", "media", "party", "company", "ngo"},
}
REASONS = {"common_word", "person_name", "other_place", "other_entity", "lowercase", "shared", "forbidden"}
ENTITY_FILES = ("countries.tsv", "places.tsv", "organizations.tsv")


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, msg: str) -> None:
        self.errors.append(msg)

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)


# --------------------------------------------------------------------------------------
# Generation of countries.tsv
# --------------------------------------------------------------------------------------
def _clean_cldr(text: str) -> list[str]:
    """Matching forms for one CLDR display name (display-only forms are dropped)."""
    if "(" in text or " - " in text:
        return []
    text = text.replace(" & ", " and ")
    forms = [text]
    if "\u2019" in text:  # typographic apostrophe: keep the ASCII spelling too
        forms.append(text.replace("\u2019", "'"))
    return forms


def _unique(seq: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in seq:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def build_countries() -> str:
    import babel
    from babel import Locale
    from babel.core import get_cldr_version

    id_names = Locale.parse("id").territories
    en_names = Locale.parse("en").territories
    rows = []
    for iso in sorted(set(UN_MEMBERS) | set(EXTRA_STATES)):
        cldr_id = id_names[iso]
        name = NAME_OVERRIDES.get(iso, cldr_id)
        candidates = _clean_cldr(cldr_id) + _clean_cldr(en_names[iso]) + EXTRA_ALIASES.get(iso, [])
        capital = CAPITALS.get(iso, "")
        drop = DROP_ALIASES.get(iso, set()) | {name, capital}
        aliases = [a for a in _unique(candidates) if a not in drop]
        rows.append((iso, name, "|".join(aliases), capital))
    rows.sort(key=lambda r: (r[1].casefold(), r[1]))
    lines = ["\t".join(COLUMNS["countries.tsv"])]
    lines.append(
        f"# GENERATED by scripts/build_gazetteer.py from Unicode CLDR {get_cldr_version()} "
        f"(via Babel {babel.__version__}) plus the script's override tables. Do not edit by hand."
    )
    lines += ["\t".join(r) for r in rows]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------
def read_tsv(path: Path, rep: Report) -> list[dict[str, str]]:
    fname = path.name
    cols = COLUMNS[fname]
    if not path.exists():
        rep.error(f"{fname}: missing")
        return []
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        rep.error(f"{fname}: has a UTF-8 BOM")
    if b"\r" in raw:
        rep.error(f"{fname}: has CR line endings")
    if raw and not raw.endswith(b"\n"):
        rep.error(f"{fname}: does not end with a newline")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        rep.error(f"{fname}: not UTF-8 ({exc})")
        return []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != "\t".join(cols):
        rep.error(f"{fname}: first line must be the header {chr(9).join(cols)!r}")
    rows = []
    for lineno, line in enumerate(lines[1:], start=2):
        where = f"{fname}:{lineno}"
        if line != line.rstrip(" \u00a0"):
            rep.error(f"{where}: trailing spaces")
        if not line.strip():
            rep.error(f"{where}: blank line")
            continue
        if line.startswith("#"):
            continue
        if unicodedata.normalize("NFC", line) != line:
            rep.error(f"{where}: not NFC-normalised")
        cells = line.split("\t")
        if len(cells) != len(cols):
            rep.error(f"{where}: {len(cells)} columns, expected {len(cols)}")
            continue
        for col, cell in zip(cols, cells, strict=True):
            if cell != cell.strip() or "  " in cell:
                rep.error(f"{where}: stray spaces in {col} {cell!r}")
        row = dict(zip(cols, cells, strict=True))
        row["_where"] = where
        rows.append(row)
    return rows


def split_multi(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def load_all(rep: Report) -> dict[str, list[dict[str, str]]]:
    return {fname: read_tsv(GAZ_DIR / fname, rep) for fname in COLUMNS}


def validate(data: dict[str, list[dict[str, str]]], rep: Report) -> None:
    countries = data["countries.tsv"]
    places = data["places.tsv"]
    isos = {}
    for row in countries:
        iso = row["iso"]
        if len(iso) != 2 or not iso.isascii() or not iso.isupper():
            rep.error(f"{row['_where']}: bad ISO code {iso!r}")
        if iso in isos:
            rep.error(f"{row['_where']}: duplicate ISO code {iso}")
        isos[iso] = row
    names = [r["name"] for r in countries]
    if names != sorted(names, key=lambda n: (n.casefold(), n)):
        rep.error("countries.tsv: rows are not sorted by name")

    # ambiguous.tsv: reasons and the register of deliberate exceptions
    register: dict[str, set[str]] = defaultdict(set)
    for row in data["ambiguous.tsv"]:
        if row["reason"] not in REASONS:
            rep.error(f"{row['_where']}: unknown reason {row['reason']!r} (use one of {sorted(REASONS)})")
        if not row["note"]:
            rep.error(f"{row['_where']}: empty note")
        if row["reason"] in register[row["form"]]:
            rep.error(f"{row['_where']}: duplicate entry for {row['form']!r}")
        register[row["form"]].add(row["reason"])

    # surface forms: every name and alias of countries, places and organizations
    owners: dict[str, list[str]] = defaultdict(list)  # form -> entity labels
    folded: dict[str, set[str]] = defaultdict(set)  # casefolded form -> entity labels
    for fname in ENTITY_FILES:
        for row in data[fname]:
            where = row["_where"]
            label = f"{fname.split('.')[0]}:{row['name']}"
            if not row["name"]:
                rep.error(f"{where}: empty name")
                continue
            if fname in KINDS and row["kind"] not in KINDS[fname]:
                rep.error(f"{where}: kind {row['kind']!r} not in {sorted(KINDS[fname])}")
            if fname != "countries.tsv" and row["country"] and row["country"] not in isos:
                rep.error(f"{where}: country {row['country']!r} is not an iso code of countries.tsv")
            aliases = split_multi(row["aliases"])
            if any(not a for a in aliases):
                rep.error(f"{where}: empty alias")
            if len(set(aliases)) != len(aliases):
                rep.error(f"{where}: repeated alias")
            if row["name"] in aliases:
                rep.error(f"{where}: alias repeats the name")
            for form in [row["name"], *aliases]:
                if not form:
                    continue
                if "|" in form or "\t" in form:
                    rep.error(f"{where}: separator inside {form!r}")
                if form != form.strip():
                    rep.error(f"{where}: stray spaces in {form!r}")
                if "forbidden" in register.get(form, ()):
                    rep.error(f"{where}: {form!r} is listed as forbidden in ambiguous.tsv")
                if any(ch.isalpha() for ch in form) and form == form.lower():
                    if "lowercase" not in register.get(form, ()):
                        rep.error(f"{where}: all-lower-case form {form!r} (register it as lowercase)")
                if label not in owners[form]:
                    owners[form].append(label)
                folded[form.casefold()].add(label)

    for form, labels in sorted(owners.items()):
        if len(labels) > 1 and "shared" not in register.get(form, ()):
            rep.error(f"form {form!r} belongs to several entries: {', '.join(labels)}")
    for key, labels in sorted(folded.items()):
        if len(labels) > 1 and not any(
            "shared" in register.get(f, ()) for f in owners if f.casefold() == key
        ):
            variants = sorted(f for f in owners if f.casefold() == key)
            if len(variants) > 1:
                rep.error(f"forms {variants} differ only in case but belong to {sorted(labels)}")

    # register entries must point at something real
    for row in data["ambiguous.tsv"]:
        if row["reason"] != "forbidden" and row["form"] not in owners:
            rep.error(f"{row['_where']}: {row['form']!r} is not a name or alias in any gazetteer file")

    # places: no place may reuse a country name (covered by uniqueness) and capitals must resolve
    city_by_name = {r["name"]: r for r in places if r["kind"] == "city"}
    for row in countries:
        cap = row["capital"]
        if not cap:
            continue
        if cap == row["name"]:
            continue  # city-state
        city = city_by_name.get(cap)
        if city is None:
            rep.error(f"{row['_where']}: capital {cap!r} is not a city row of places.tsv")
        elif city["country"] != row["iso"]:
            rep.error(f"{row['_where']}: capital {cap!r} is in {city['country']!r} in places.tsv")
        if cap in split_multi(row["aliases"]):
            rep.error(f"{row['_where']}: capital {cap!r} is also an alias")

    # advisory: single-word forms that are common Indonesian words
    if COMMON_WORDS.exists():
        common = {
            w.strip()
            for w in COMMON_WORDS.read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")
        }
        registered = {f.casefold() for f, reasons in register.items() if reasons - {"shared"}}
        for form in sorted(owners):
            if form.lower() in common and form.casefold() not in registered:
                rep.warn(
                    f"{form!r} ({', '.join(owners[form])}) is also a common word; consider ambiguous.tsv"
                )


def counts(data: dict[str, list[dict[str, str]]]) -> str:
    parts = []
    for fname in COLUMNS:
        rows = data[fname]
        forms = sum(1 + len(split_multi(r.get("aliases", ""))) for r in rows) if fname in ENTITY_FILES else 0
        parts.append(f"{fname}: {len(rows)} rows" + (f", {forms} forms" if forms else ""))
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="validate only; do not write countries.tsv")
    parser.add_argument("--quiet", action="store_true", help="do not print warnings")
    args = parser.parse_args(argv)

    rep = Report()
    target = GAZ_DIR / "countries.tsv"
    try:
        expected = build_countries()
    except ImportError:
        expected = None
        rep.warn("babel is not installed: cannot compare countries.tsv with CLDR")
    if args.check:
        if expected is not None and (not target.exists() or target.read_text(encoding="utf-8") != expected):
            rep.error("countries.tsv is out of date: run python scripts/build_gazetteer.py")
    elif expected is None:
        print("error: babel is required to build countries.tsv", file=sys.stderr)
        return 1
    else:
        GAZ_DIR.mkdir(parents=True, exist_ok=True)
        target.write_text(expected, encoding="utf-8", newline="\n")
        print(f"wrote {target.relative_to(ROOT)}")

    data = load_all(rep)
    validate(data, rep)
    if not args.quiet:
        for msg in rep.warnings:
            print(f"warning: {msg}", file=sys.stderr)
    for msg in rep.errors:
        print(f"error: {msg}", file=sys.stderr)
    print(counts(data))
    if rep.errors:
        print(f"{len(rep.errors)} error(s)", file=sys.stderr)
        return 1
    print("gazetteer OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
