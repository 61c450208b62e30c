"""frontline's mapper: articles in, events, front lines and maps out."""

from mapper.model import Article, ArticleExtraction, Event, LoadProblem, Mention

__all__ = ["Article", "ArticleExtraction", "Event", "LoadProblem", "Mention"]
__version__ = "0.1.0"
