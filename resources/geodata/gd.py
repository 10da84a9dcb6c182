# Reading and writing geodata/ files byte for byte as the schema writes them: GeoJSON with one
# feature per line, CSV with RFC 4180 quoting and LF line ends (geodata/README.md).
import csv
import io
import json

HEAD = '{"type": "FeatureCollection", "features": [\n'


def load_geojson(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["features"]


def dump_feature(feature):
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def save_geojson(path, features):
    body = ",\n".join(dump_feature(f) for f in features)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEAD + body + "\n]}\n")


def load_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def save_csv(path, header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
