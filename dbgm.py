"""Debug many: one sentence per line, optional '|| YYYY-MM-DD'. -t prints trees."""
import sys
from datetime import date
from gazetteer import default_gazetteer
from mapper.extract import extract_article
from mapper.extract.parse import parse_sentences
from mapper.model import Article

gaz = default_gazetteer()
tree = "-t" in sys.argv
for line in open(sys.argv[1]):
    line = line.rstrip("\n").replace("\\n", "\n")
    if not line.strip() or line.startswith("#"):
        continue
    text, _, d = line.partition("||")
    pub = date.fromisoformat(d.strip()) if d.strip() else date(2020, 1, 29)
    text = text.strip()
    res = extract_article(Article(id="t", text=text, published=pub), gaz)
    print("==", text)
    if tree:
        ms = sorted(res.mentions, key=lambda m: m.start)
        ps = parse_sentences([(text, 0, ms)])[0]
        print("   ", " ".join(f"{t.i}:{t.text}/{t.pos_}/{t.dep_}<{t.head.i}" for t in ps.doc))
    for e in res.events:
        print("   EVENT", e.type, e.place.surface, e.actor, e.date, e.distance_km, e.direction)
