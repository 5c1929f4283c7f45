"""Synthetic Indonesian news articles from kg's own templates, for benchmarks and robustness tests.

Articles are built from a fixed seed: varied people with titles, countries, cities, quotes, indirect
speech, meetings, events and dates, plus the page chrome of Indonesian portals. All sentences are
templates written for kg; names are real public figures or generic.
"""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

PEOPLE = [
    ("Presiden", "Joko Widodo", "Indonesia"), ("Menteri Luar Negeri", "Retno Marsudi", "Indonesia"),
    ("Presiden", "Joe Biden", "Amerika Serikat"), ("Menteri Luar Negeri", "Antony Blinken", "Amerika Serikat"),
    ("Presiden", "Vladimir Putin", "Rusia"), ("Menteri Luar Negeri", "Sergei Lavrov", "Rusia"),
    ("Presiden", "Volodymyr Zelensky", "Ukraina"), ("Menteri Luar Negeri", "Dmytro Kuleba", "Ukraina"),
    ("Kanselir", "Olaf Scholz", "Jerman"), ("Presiden", "Emmanuel Macron", "Prancis"),
    ("Perdana Menteri", "Fumio Kishida", "Jepang"), ("Presiden", "Xi Jinping", "Tiongkok"),
    ("Menteri Luar Negeri", "Wang Yi", "Tiongkok"), ("Perdana Menteri", "Anthony Albanese", "Australia"),
    ("Presiden", "Yoon Suk-yeol", "Korea Selatan"), ("Perdana Menteri", "Narendra Modi", "India"),
    ("Sekretaris Jenderal", "Antonio Guterres", "PBB"), ("Sekretaris Jenderal", "Jens Stoltenberg", "NATO"),
]
CITIES = ["Jakarta", "Jenewa", "Wina", "Brussel", "Kyiv", "Moskow", "Washington", "Beijing", "Tokyo", "Berlin",
          "Paris", "Canberra", "New Delhi", "Seoul", "Bali", "Singapura", "Phnom Penh", "Istanbul"]
TOPICS = ["krisis pangan global", "keamanan kawasan", "perubahan iklim", "perdagangan bebas", "krisis energi",
          "gencatan senjata", "bantuan kemanusiaan", "kerja sama maritim", "stabilitas ekonomi"]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
FILLER = [
    "Para pengamat menilai langkah itu akan menentukan arah diplomasi kawasan dalam beberapa bulan ke depan.",
    "Situasi di lapangan masih berubah dengan cepat dan sejumlah negara terus memantau perkembangan terbaru.",
    "Pasar keuangan bereaksi hati-hati terhadap kabar tersebut, sementara harga komoditas bergerak naik.",
    "Sejumlah organisasi masyarakat sipil meminta agar proses dialog dilakukan secara terbuka dan inklusif.",
    "Isu tersebut juga menjadi perhatian utama dalam forum regional yang digelar awal tahun ini.",
    "Laporan terbaru menunjukkan dampak krisis itu dirasakan oleh jutaan warga di berbagai wilayah.",
]


def _person(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(PEOPLE)


def _surname(name: str) -> str:
    return name.split()[-1]


def article(rng: random.Random, number: int) -> dict[str, str]:
    """One article (about 500 words) with its metadata."""
    published = date(2022, 1, 3) + timedelta(days=rng.randrange(0, 700))
    day_before = published - timedelta(days=rng.randrange(1, 4))
    weekday = WEEKDAYS[day_before.weekday()]
    a_title, a_name, a_country = _person(rng)
    b_title, b_name, b_country = _person(rng)
    while b_name == a_name:
        b_title, b_name, b_country = _person(rng)
    city, topic = rng.choice(CITIES), rng.choice(TOPICS)
    quote_a = f"Kami berkomitmen menyelesaikan persoalan {topic} melalui dialog yang jujur dan setara"
    quote_b = f"Tidak ada jalan lain selain kerja sama untuk mengatasi {topic} yang semakin mendesak"
    paragraphs = [
        f"{a_title} {a_country} Bahas {topic.title()} dengan {b_title} {b_country} di {city}",
        f"- {published.day} {MONTHS[published.month - 1]} {published.year}, {rng.randrange(7, 22)}:"
        f"{rng.randrange(0, 59):02d} WIB",
        f"{city.upper()}, Kabar Contoh - {a_title} {a_country} {a_name} bertemu dengan {b_title} {b_country} "
        f"{b_name} di {city} pada {weekday} ({day_before.day}/{day_before.month}/{day_before.year}) untuk membahas "
        f"{topic}. Pertemuan itu berlangsung sekitar {rng.randrange(1, 4)} jam.",
        f"“{quote_a},” kata {_surname(a_name)} kepada wartawan usai pertemuan.",
        f"Baca Juga: Artis Contoh Nomor {number} Umumkan Rencana Konser Akbar",
        f"{_surname(b_name)} mengatakan bahwa negaranya siap memperluas kerja sama di bidang {rng.choice(TOPICS)}. "
        f"Ia menambahkan bahwa tim teknis kedua negara akan bertemu kembali bulan depan.",
        f"“{quote_b},” ujar {_surname(b_name)}.",
        rng.choice(FILLER) + " " + rng.choice(FILLER),
        f"Sebelumnya, {a_title.lower()} {a_country} juga berbicara melalui telepon dengan "
        f"{rng.choice(PEOPLE)[1]} pada {WEEKDAYS[(day_before.weekday() + 5) % 7]} lalu. Menurut {_surname(a_name)}, "
        f"pembicaraan itu membahas {rng.choice(TOPICS)} dan rencana kunjungan ke {rng.choice(CITIES)}.",
        f"Pemerintah {b_country} menyatakan akan mengirim delegasi ke {rng.choice(CITIES)} pekan depan. "
        f"{rng.choice(FILLER)}",
        " ".join(rng.choice(FILLER) for _ in range(4)),
        f"{a_name} menegaskan bahwa {a_country} menolak segala bentuk pemaksaan dalam hubungan internasional. "
        f"Ia juga mendesak semua pihak menahan diri. " + " ".join(rng.choice(FILLER) for _ in range(3)),
        f"Menurut data yang dihimpun, lebih dari {rng.randrange(2, 90)}.000 warga terdampak krisis tersebut pada "
        f"tahun {published.year - 1}. " + " ".join(rng.choice(FILLER) for _ in range(3)),
        "Editor: Redaksi Contoh",
        "Tags: diplomasi, internasional",
    ]
    return {"id": f"syn-{number:06d}", "title": paragraphs[0], "outlet": "Kabar Contoh",
            "text": "\n\n".join(paragraphs)}


def generate(count: int, seed: int = 0) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [article(rng, n) for n in range(count)]


def write_jsonl(folder: Path, count: int, seed: int = 0, per_file: int = 1000) -> list[Path]:
    """Write `count` synthetic articles as JSONL files of `per_file` articles each."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for start in range(0, count, per_file):
        path = folder / f"synthetic-{start // per_file:05d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for n in range(start, min(count, start + per_file)):
                handle.write(json.dumps(article(rng, n), ensure_ascii=False) + "\n")
        paths.append(path)
    return paths
