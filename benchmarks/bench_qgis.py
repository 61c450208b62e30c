"""What the QGIS project and GeoPackage styles cost, against the rest of ``write_outputs``.

The demo corpus is extracted once; then, in the same process, ``write_outputs`` (every output,
the baseline) and the QGIS part alone (``write_qgis``: frontline.qgz and layer_styles) are timed
``--repeat`` times each on the same frames. Prints medians, their ratio and the files' sizes.
Usage:

    .venv/bin/python benchmarks/bench_qgis.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from gazetteer import default_gazetteer
from mapper.articles import demo_corpus_dir, load_articles
from mapper.extract import extract_articles
from mapper.frontline import estimate_front_from_observations, observations_from_records
from mapper.model import Article
from mapper.render import events_frame, frontline_frame, uncertainty_frame, write_outputs
from mapper.render.qgis import write_qgis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = [a for a in load_articles([demo_corpus_dir()]) if isinstance(a, Article)]
    extractions = list(extract_articles(articles, gazetteer=default_gazetteer()))
    events = events_frame(extractions)
    records = events.drop(columns="geometry").to_dict("records")
    front = frontline_frame(estimate_front_from_observations(observations_from_records(records)))
    uncertainty = uncertainty_frame(events)
    whole: list[float] = []
    qgis: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            out = Path(tmp) / f"all{i}"
            start = time.perf_counter()
            write_outputs(extractions, out)
            whole.append(time.perf_counter() - start)
            with sqlite3.connect(out / "frontline.gpkg") as conn:  # so they are written again
                conn.execute("DELETE FROM layer_styles")
            start = time.perf_counter()
            write_qgis(out, events, front, uncertainty, out / "frontline.gpkg")
            qgis.append(time.perf_counter() - start)
        qgz = (out / "frontline.qgz").stat().st_size
        with sqlite3.connect(out / "frontline.gpkg") as conn:
            qml = conn.execute("SELECT sum(length(styleQML)) FROM layer_styles").fetchone()[0]
    w, q = statistics.median(whole), statistics.median(qgis)
    print(
        f"demo corpus: {len(articles)} articles, {len(events)} located events, "
        f"{len(front)} front rows"
    )
    print(f"write_outputs (all outputs, baseline): median {w * 1000:8.1f} ms over {args.repeat}")
    print(f"write_qgis (qgz + layer_styles):       median {q * 1000:8.1f} ms over {args.repeat}")
    print(f"ratio qgis / all outputs:              {q / w:8.3f}")
    print(f"frontline.qgz: {qgz / 1024:.1f} KiB; layer_styles QML: {qml / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
