"""The task a worker runs: load one partition and extract its articles.

The gazetteer index is opened once per worker process (`gazetteer.default_gazetteer` keeps it
for the life of the process) and reused by every task that process runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mapper.engine.partitions import Partition, load_partition
from mapper.model import Article, ArticleExtraction, LoadProblem

__all__ = ["ExtractionFailure", "PartitionResult", "extract_partition"]


@dataclass(frozen=True)
class ExtractionFailure:
    """An article whose extraction raised: reported as one error line, the run goes on."""

    article: Article
    error: str


Record = LoadProblem | ArticleExtraction | ExtractionFailure


@dataclass
class PartitionResult:
    """A partition's records in input order, and the text files its manifests named."""

    records: list[Record] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)


def extract_partition(part: Partition, published: date | None) -> PartitionResult:
    """Load ``part`` and extract each article with this worker's gazetteer."""
    from gazetteer import default_gazetteer
    from mapper.commands.common import _describe
    from mapper.extract import extract_articles

    loaded = load_partition(part, published=published)
    result = PartitionResult(referenced=loaded.referenced)
    gazetteer = None
    for record in loaded.records:
        if isinstance(record, LoadProblem):
            result.records.append(record)
            continue
        if gazetteer is None:
            gazetteer = default_gazetteer()
        try:
            # as `extract_stream` calls it, so both engines extract alike
            extraction = next(iter(extract_articles([record], gazetteer=gazetteer)))
            result.records.append(extraction)
        except Exception as err:  # noqa: BLE001 - reported per article, the run goes on
            result.records.append(ExtractionFailure(record, _describe(err)))
    return result
