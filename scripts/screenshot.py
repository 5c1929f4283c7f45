"""Make the README's screenshot of graph.html from a build of the sample corpus, in headless Chromium.

    python scripts/screenshot.py                 # writes docs/explorer.png
    python scripts/screenshot.py -o /tmp/x.png   # elsewhere

It builds the sample into a temporary folder, opens its graph.html, waits until the page has drawn and saves a
1400 x 900 PNG. Exit status 2 without Chromium.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.export.chromium import Chromium, find_chromium  # noqa: E402
from kg.pipeline import SAMPLE_DIR, build  # noqa: E402

READY = "window.__kgReady === true && window.__kgDrawnAt > 0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "explorer.png")
    args = parser.parse_args()
    if find_chromium() is None:
        print("screenshot.py: no Chromium found (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "sample"
        build([SAMPLE_DIR], out, progress=False)
        with Chromium(width=1400, height=900, timeout=60, user_data_dir=Path(folder) / "profile") as browser:
            browser.navigate((out / "graph.html").as_uri())
            browser.wait_for(READY)
            browser.screenshot(args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
