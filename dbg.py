"""Debug: parse tree and events of a sentence."""
import sys
from datetime import date
from gazetteer import default_gazetteer
from mapper.extract import extract_article
from mapper.extract.parse import load_model
from mapper.model import Article

text = sys.argv[1]
pub = date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date(2020, 1, 29)
res = extract_article(Article(id="t", text=text, published=pub), default_gazetteer())
nlp = load_model()
ms = sorted(res.mentions, key=lambda m: m.start)
print("mentions:", [(m.surface, m.role, m.place.name if m.place else None) for m in ms])
from mapper.extract.parse import parse_sentences
ps = parse_sentences([(text, 0, [m for m in ms])])[0]
for t in ps.doc:
    print(f"{t.i:3} {t.text:18} {t.lemma_:14} {t.pos_:6} {t.tag_:5} {t.dep_:10} <- {t.head.i} {t.head.text}")
for e in res.events:
    print("EVENT", e.type, e.place.surface, e.actor, e.date, e.distance_km, e.direction, e.reason)
print(res.problems)
