"""Synthetic Indonesian news articles from kg's own templates, for benchmarks and robustness tests.

Articles (about 500 words each) are composed from word lists and sentence templates written for kg: people
with titles and countries, organizations, cities and villages, quotes, indirect speech, meetings, events,
dates and numbers, plus the page chrome of Indonesian portals. Like real news, the vocabulary and the number
of distinct entities keep growing with the corpus: people, companies and villages are drawn from an unbounded,
Zipf-like pool (a few are in the news all the time, most appear once or twice), and a person keeps the same
name, title and country in every article. Everything is deterministic from the seed. The names are invented
combinations of common first and last names; country, city and organization names are plain facts.
"""
from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

# -- entities --------------------------------------------------------------------------------------------------
COUNTRIES = [
    "Indonesia", "Malaysia", "Singapura", "Thailand", "Vietnam", "Filipina", "Kamboja", "Laos", "Myanmar",
    "Brunei Darussalam", "Timor Leste", "Australia", "Selandia Baru", "Jepang", "Korea Selatan", "Tiongkok",
    "India", "Pakistan", "Bangladesh", "Sri Lanka", "Nepal", "Arab Saudi", "Uni Emirat Arab", "Qatar", "Iran",
    "Irak", "Turki", "Mesir", "Yordania", "Maroko", "Nigeria", "Kenya", "Afrika Selatan", "Ethiopia", "Ghana",
    "Rusia", "Ukraina", "Polandia", "Jerman", "Prancis", "Italia", "Spanyol", "Belanda", "Belgia", "Swedia",
    "Norwegia", "Finlandia", "Inggris", "Irlandia", "Amerika Serikat", "Kanada", "Meksiko", "Brasil",
    "Argentina", "Chili", "Peru", "Kolombia",
]
CITIES = [
    "Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Semarang", "Yogyakarta", "Denpasar", "Balikpapan",
    "Pontianak", "Manado", "Kupang", "Jayapura", "Palembang", "Padang", "Kuala Lumpur", "Bangkok", "Hanoi",
    "Manila", "Phnom Penh", "Tokyo", "Osaka", "Seoul", "Beijing", "Shanghai", "New Delhi", "Mumbai", "Dhaka",
    "Riyadh", "Doha", "Dubai", "Teheran", "Ankara", "Istanbul", "Kairo", "Nairobi", "Lagos", "Moskow", "Kyiv",
    "Warsawa", "Berlin", "Paris", "Roma", "Madrid", "Brussel", "Jenewa", "Wina", "London", "Stockholm", "Oslo",
    "Washington", "New York", "Ottawa", "Brasilia", "Canberra", "Sydney", "Wellington",
]
INTERNATIONAL = ["PBB", "ASEAN", "NATO", "Uni Eropa", "WHO", "Bank Dunia", "IMF", "WTO", "FAO", "UNICEF",
                 "OPEC", "G20", "APEC", "Dewan Keamanan PBB", "Palang Merah Internasional"]
# Titles that kg's title patterns know, with the kind of organization a holder speaks for.
STATE_TITLES = ["Presiden", "Wakil Presiden", "Perdana Menteri", "Menteri Luar Negeri", "Menteri Pertahanan",
                "Menteri Keuangan", "Menteri Perdagangan", "Menteri Energi", "Duta Besar", "Juru Bicara",
                "Penasihat Keamanan Nasional", "Utusan Khusus", "Anggota Parlemen", "Senator"]
LOCAL_TITLES = ["Gubernur", "Wali Kota", "Bupati", "Kepala Dinas", "Ketua"]
OTHER_TITLES = ["Direktur", "Direktur Jenderal", "Ketua", "Kepala", "Analis", "Pengamat", "Profesor"]
FIRST_NAMES = """
Adi Agus Ahmad Aisyah Alexei Alicia Amara Amir Ana Andi Andrea Anita Anton Arief Arjun Astrid Ayu Bambang Bayu
Beatriz Benjamin Bilal Budi Camille Carlos Chen Clara Dana Daniel Dewi Dian Dimas Dmitri Edi Elena Elif Emma Eko
Erik Fajar Farah Fatima Felix Fernando Fitri Gabriel Gita Hana Hassan Hendra Hiroshi Ibrahim Ika Ilham Indra
Irina Isabel Ivan Jasmine Javier Jin Joko Jonas Julia Kamal Karim Kartika Kenji Khalid Kim Lars Laura Layla Lena
Leon Lestari Lucas Luis Made Maria Marta Mateo Maya Mehmet Mei Mikhail Min Nadia Naomi Nia Nikolai Nina Nur
Olga Omar Pablo Paulo Pedro Putri Rahmat Rani Ravi Reza Rina Rizki Rosa Rudi Sakura Samuel Santi Sara Sekar
Sergei Siti Sofia Sri Stefan Sunil Surya Takeshi Tariq Teguh Tomas Umar Vera Viktor Wahyu Wei Wulan Yasmin Yuki
Yusuf Zainab Zhang
""".split()
LAST_NAMES = """
Abdullah Adeyemi Ahmadi Akbar Alvarez Andersen Aziz Baskoro Becker Bergstrom Castillo Chowdhury Costa Daulay
Demir Dubois Fernandes Fischer Gonzaga Gunawan Halim Hakimi Hartono Haryanto Hidayat Hoang Hoffmann Ishikawa
Ivanova Jensen Kaplan Kartasasmita Kowalski Kurniawan Lee Lindqvist Lubis Mahendra Marquez Matsuda Mendoza
Moreau Nakamura Nasution Nguyen Novak Okafor Ortiz Pangaribuan Park Pereira Petrov Pratama Purnomo Rahman
Ramirez Reyes Romanov Rossi Saputra Sato Schmidt Setiawan Siregar Sitompul Smirnov Suharto Sulistyo Susanto
Tanaka Tanoto Tran Utomo Valdez Varga Vogel Wahyudi Wibowo Wijaya Yamamoto Yilmaz Yudhistira Zhou Zubaidi
""".split()
SYLLABLES = ["ba", "bu", "da", "di", "ga", "jo", "ka", "ke", "la", "lo", "ma", "mu", "na", "ni", "pa", "po", "ra",
             "ri", "sa", "se", "ta", "tu", "wa", "wi", "ya", "ng", "sar", "jaya", "rejo", "harjo", "sari", "mulyo"]
COMPANY_WORDS = ["Abadi", "Sentosa", "Makmur", "Nusantara", "Mandiri", "Perkasa", "Sejahtera", "Utama", "Global",
                 "Energi", "Pangan", "Samudra", "Logistik", "Teknologi", "Karya", "Bumi", "Cahaya", "Sinar"]
AGENCY_HEADS = ["Kementerian", "Badan", "Lembaga", "Komisi", "Dinas", "Direktorat"]
AGENCY_FIELDS = ["Perdagangan", "Pertanian", "Perikanan", "Energi", "Kesehatan", "Pendidikan", "Perhubungan",
                 "Lingkungan Hidup", "Pariwisata", "Perindustrian", "Ketenagakerjaan", "Pekerjaan Umum",
                 "Statistik", "Meteorologi", "Penanggulangan Bencana", "Pengawasan Obat"]
THINK_TANKS = ["Pusat Kajian", "Institut", "Lembaga Riset", "Forum"]

# -- words -----------------------------------------------------------------------------------------------------
NOUNS = ["kebijakan", "anggaran", "program", "rencana", "aturan", "investasi", "pasokan", "proyek", "kesepakatan",
         "jalur distribusi", "cadangan", "harga", "ekspor", "impor", "produksi", "layanan", "infrastruktur",
         "subsidi", "tarif", "kuota", "izin", "pinjaman", "jaringan", "pelabuhan", "bendungan", "jalan tol",
         "gudang", "armada", "kontrak", "standar", "sistem pemantauan", "skema pembiayaan", "peta jalan"]
FIELDS = ["energi terbarukan", "pangan", "pertahanan", "perikanan", "ekonomi digital", "kesehatan", "pendidikan",
          "pariwisata", "transportasi publik", "air bersih", "perumahan rakyat", "industri baja", "pertanian",
          "mineral kritis", "kendaraan listrik", "keamanan siber", "bahan bakar", "tekstil", "kelapa sawit",
          "beras", "batu bara", "semikonduktor", "perdagangan lintas batas", "penanganan bencana"]
VERBS = ["memperkuat", "meninjau", "memperluas", "menunda", "membahas", "mengevaluasi", "mendukung",
         "mempercepat", "menyusun", "merevisi", "membangun", "mengawasi", "membiayai", "menyederhanakan",
         "menyelesaikan", "mengkaji ulang", "melanjutkan", "memperbarui", "menata ulang", "mengamankan"]
MODALS = ["akan", "sedang", "telah", "masih", "tidak akan", "berencana", "siap", "harus", "perlu", "segera"]
ADJUNCTS = ["dalam beberapa bulan ke depan", "sebelum akhir tahun", "secara bertahap", "mulai tahun depan",
            "tanpa menunggu persetujuan parlemen", "dengan melibatkan pemerintah daerah", "setelah masa konsultasi",
            "di tengah tekanan anggaran", "demi menjaga daya beli masyarakat", "sesuai target yang disepakati",
            "paling lambat kuartal ketiga", "dengan pengawasan yang lebih ketat", "agar tidak terjadi kelangkaan"]
GENERIC_SUBJECTS = ["Para analis", "Sejumlah ekonom", "Kalangan pengusaha", "Pelaku pasar", "Warga setempat",
                    "Para petani", "Kelompok nelayan", "Serikat pekerja", "Pengamat kebijakan publik",
                    "Para pedagang", "Sejumlah anggota dewan", "Kalangan akademisi", "Para pengemudi ojek"]
GENERIC_VERBS = ["menyambut baik", "mempertanyakan", "mengkhawatirkan", "menunggu kejelasan", "mencermati",
                 "meragukan efektivitas", "meminta transparansi", "memperkirakan dampak"]
TRENDS = ["naik", "turun", "melonjak", "merosot", "stabil di kisaran", "bertahan di level"]
REASONS = ["cuaca ekstrem", "kenaikan biaya logistik", "permintaan yang melemah", "gangguan rantai pasok",
           "nilai tukar yang berfluktuasi", "musim panen yang mundur", "lonjakan permintaan ekspor",
           "perbaikan fasilitas produksi", "kebijakan baru di negara mitra"]
MEASURES = ["harga rata-rata", "volume ekspor", "jumlah penumpang", "realisasi anggaran", "tingkat inflasi",
            "produksi harian", "angka pengangguran", "jumlah kunjungan wisatawan", "stok nasional"]
FEELINGS = ["optimistis", "khawatir", "yakin", "berharap", "memperkirakan", "tidak yakin"]
MEETING_VERBS = [("bertemu dengan", "di"), ("berbicara melalui telepon dengan", None),
                 ("menggelar pertemuan virtual dengan", None), ("menerima kunjungan", "di"),
                 ("melakukan pembicaraan dengan", "di")]
EVENT_SENTENCES = [
    "{country} mengumumkan sanksi baru terhadap sejumlah perusahaan {other} yang dinilai melanggar aturan.",
    "{country} memutuskan menutup kedutaan besarnya di {city} untuk sementara waktu.",
    "{country} menggelar latihan militer gabungan di dekat perbatasan selama {n} hari.",
    "{country} mengirim pasukan tambahan untuk membantu evakuasi warga di wilayah {village}.",
]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
OUTLETS = ["Kabar Contoh", "Warta Contoh", "Berita Rekaan", "Harian Uji", "Kantor Berita Contoh"]
TAGS = ["ekonomi", "internasional", "politik", "daerah", "energi", "pangan", "diplomasi", "bisnis", "bencana"]


@dataclass(frozen=True)
class Person:
    name: str
    title: str
    affiliation: str  # the country, city or organization the title belongs to

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def _zipf(rng: random.Random, scale: float = 3.0) -> int:
    """An index of an unbounded pool: low indexes come up often, new high ones keep appearing."""
    return int(scale * (rng.paretovariate(0.6) - 1.0))


def _invented_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


@lru_cache(maxsize=100_000)
def person(k: int) -> Person:
    """Person number k of the pool: the same name, title and affiliation in every article."""
    rng = random.Random(f"kg-synthetic-person-{k}")  # string seeds are hashed stably (not by PYTHONHASHSEED)
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    if rng.random() < 0.15:
        name = f"{rng.choice(FIRST_NAMES)} {name}"
    kind = rng.random()
    if kind < 0.55:
        return Person(name, rng.choice(STATE_TITLES), rng.choice(COUNTRIES))
    if kind < 0.75:
        return Person(name, rng.choice(LOCAL_TITLES), rng.choice(CITIES[:15]))
    return Person(name, rng.choice(OTHER_TITLES), organization(_zipf(rng)))


@lru_cache(maxsize=100_000)
def organization(k: int) -> str:
    """Organization number k of the pool: international bodies, agencies, companies and think tanks."""
    if k < len(INTERNATIONAL):
        return INTERNATIONAL[k]
    rng = random.Random(f"kg-synthetic-organization-{k}")
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.choice(AGENCY_HEADS)} {rng.choice(AGENCY_FIELDS)} {rng.choice(COUNTRIES)}"
    if kind < 0.8:
        return f"PT {_invented_word(rng, 2)} {rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_WORDS)}"
    return f"{rng.choice(THINK_TANKS)} {rng.choice(AGENCY_FIELDS)} {_invented_word(rng, 3)}"


@lru_cache(maxsize=100_000)
def village(k: int) -> str:
    """Village or district number k of the pool (invented names)."""
    return _invented_word(random.Random(f"kg-synthetic-village-{k}"), 2 + k % 3)


class _Writer:
    """The state of one article being written: who has been introduced, and the random source."""

    def __init__(self, rng: random.Random, published: date):
        self.rng = rng
        self.published = published
        self.introduced: set[str] = set()

    def ref(self, who: Person) -> str:
        """Full title and name on first mention, the surname (or a short title) afterwards."""
        if who.name not in self.introduced:
            self.introduced.add(who.name)
            return f"{who.title} {who.affiliation} {who.name}"
        return who.surname if self.rng.random() < 0.8 else f"{who.title} {who.surname}"

    def day(self, back: int) -> str:
        when = self.published - timedelta(days=back)
        style = self.rng.random()
        if style < 0.4:
            return f"{WEEKDAYS[when.weekday()]} ({when.day}/{when.month}/{when.year})"
        if style < 0.7:
            return f"{when.day} {MONTHS[when.month - 1]} {when.year}"
        return f"{WEEKDAYS[when.weekday()]} lalu" if back < 7 else f"awal {MONTHS[when.month - 1]}"

    def plan(self, actor: str) -> str:
        r = self.rng
        return (f"{actor} {r.choice(MODALS)} {r.choice(VERBS)} {r.choice(NOUNS)} {r.choice(FIELDS)} "
                f"{r.choice(ADJUNCTS)}")

    def figures(self) -> str:
        r = self.rng
        month = MONTHS[r.randrange(12)]
        return (f"{r.choice(MEASURES).capitalize()} {r.choice(FIELDS)} pada {month} {self.published.year} "
                f"{r.choice(TRENDS)} {r.randrange(2, 40)},{r.randrange(10)} persen dibandingkan periode yang sama "
                f"tahun lalu, antara lain karena {r.choice(REASONS)}.")

    def background(self) -> str:
        r = self.rng
        place = r.choice([r.choice(CITIES), f"Desa {village(_zipf(r, 40))}"])
        forms: list[Callable[[], str]] = [
            lambda: f"{r.choice(GENERIC_SUBJECTS)} di {place} {r.choice(GENERIC_VERBS)} rencana tersebut, "
                    f"terutama soal {r.choice(NOUNS)} {r.choice(FIELDS)}.",
            lambda: self.figures(),
            lambda: f"Menurut catatan {organization(_zipf(r))}, sekitar {r.randrange(2, 900)}.{r.randrange(100, 999)} "
                    f"warga di {place} bergantung pada sektor {r.choice(FIELDS)}.",
            lambda: f"{r.choice(GENERIC_SUBJECTS)} {r.choice(FEELINGS)} bahwa {r.choice(NOUNS)} "
                    f"{r.choice(FIELDS)} tidak akan terganggu oleh {r.choice(REASONS)}.",
            lambda: f"Sejak {r.randrange(2005, self.published.year)}, {r.choice(NOUNS)} {r.choice(FIELDS)} di "
                    f"{place} dikelola oleh {organization(_zipf(r))}.",
        ]
        return r.choice(forms)()


def article(rng: random.Random, number: int) -> dict[str, str]:
    """One article (about 500 words) with its metadata."""
    published = date(2022, 1, 3) + timedelta(days=rng.randrange(0, 700))
    w = _Writer(rng, published)
    a, b = person(_zipf(rng)), person(_zipf(rng))
    while b.name == a.name:
        b = person(_zipf(rng))
    c = person(_zipf(rng))
    field_, city = rng.choice(FIELDS), rng.choice(CITIES)
    outlet = rng.choice(OUTLETS)
    verb, locative = rng.choice(MEETING_VERBS)
    where = f" {locative} {city}" if locative else ""
    headline = f"{a.title} {a.affiliation} dan {b.title} {b.affiliation} Bahas {field_.title()}"
    paragraphs = [
        headline,
        f"- {published.day} {MONTHS[published.month - 1]} {published.year}, {rng.randrange(6, 23)}:"
        f"{rng.randrange(0, 60):02d} WIB",
        f"{city.upper()}, {outlet} - {w.ref(a)} {verb} {w.ref(b)}{where} pada {w.day(rng.randrange(1, 4))} "
        f"untuk membahas {rng.choice(NOUNS)} {field_}. Pertemuan itu berlangsung sekitar {rng.randrange(1, 5)} jam.",
        f"“{w.plan('Kami')}. Itu sudah menjadi kesepakatan bersama,” {rng.choice(['kata', 'ujar', 'tutur'])} "
        f"{w.ref(a)} kepada wartawan.",
        f"Baca Juga: {w.plan(w.ref(person(_zipf(rng))))}",
        f"{w.ref(b)} {rng.choice(['mengatakan', 'menyatakan', 'menjelaskan', 'menegaskan'])} bahwa "
        f"{w.plan('pemerintahnya')}. {w.background()}",
    ]
    body: list[Callable[[], str]] = [
        lambda: f"“{w.plan('Kita')},” {rng.choice(['kata', 'ujar', 'ungkap', 'tambah'])} {w.ref(c)}. "
                f"{w.background()}",
        lambda: f"Menurut {w.ref(rng.choice([a, b, c]))}, {w.plan('pemerintah')}. {w.background()} {w.figures()}",
        lambda: f"{w.ref(c)} {rng.choice(['mendesak', 'meminta', 'mengimbau'])} {organization(_zipf(rng))} agar "
                f"{w.plan('mereka')}. {w.background()}",
        lambda: f"Sebelumnya, {w.ref(a)} juga berbicara melalui telepon dengan {w.ref(person(_zipf(rng)))} "
                f"pada {w.day(rng.randrange(4, 20))}. Keduanya membahas {rng.choice(NOUNS)} {rng.choice(FIELDS)}.",
        lambda: rng.choice(EVENT_SENTENCES).format(country=rng.choice(COUNTRIES), other=rng.choice(COUNTRIES),
                                                   city=rng.choice(CITIES), n=rng.randrange(2, 15),
                                                   village=village(_zipf(rng, 40)))
                + f" {w.background()}",
        lambda: " ".join(w.background() for _ in range(3)),
        lambda: f"{w.figures()} {w.background()}",
        lambda: f"{w.ref(rng.choice([a, b]))} dijadwalkan mengunjungi {rng.choice(CITIES)} pada "
                f"{MONTHS[rng.randrange(12)]} mendatang. {w.plan(w.ref(person(_zipf(rng))))}.",
    ]
    while sum(len(p.split()) for p in paragraphs) < 470:
        paragraphs.append(rng.choice(body)())
    paragraphs += [f"Editor: {person(_zipf(rng, 40)).name}",
                   f"Tags: {', '.join(rng.sample(TAGS, 3))}"]
    return {"id": f"syn-{number:06d}", "title": headline, "outlet": outlet, "text": "\n\n".join(paragraphs)}


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
