#!/usr/bin/env python3
"""Read YAML files the way YAML 1.1 tools do, for entra-audit's tests.

Usage: read.py DIR

Loads every *.yaml file under DIR with PyYAML's SafeLoader (pure Python,
YAML 1.1 resolvers: yes/no/on/off, sexagesimal 1:20, 0x1F, 1_000, dates,
<<, =) and, when PyYAML was built with libyaml, with CSafeLoader too.
Prints one JSON object on stdout, ASCII only:

  {"loaders": ["pure", "libyaml"],
   "files": {"<path relative to DIR>": {"pure": VALUE, "libyaml": VALUE}}}

VALUE is the document as JSON. Values YAML 1.1 gave another type than
JSON can hold are shown as {"$yaml11": "<type>", "repr": "<repr>"}: a
date, a float (so that 1:20.5 or .inf never looks like a number the
writer wrote), a non-string mapping key. A file PyYAML refuses gives
{"$error": "<message>"}. The Go test compares VALUE with what was written.
"""
import json
import os
import sys

import yaml


def plain(v):
    if isinstance(v, dict):
        out = {}
        for k, val in v.items():
            key = k if isinstance(k, str) else "$yaml11-key " + type(k).__name__ + " " + repr(k)
            out[key] = plain(val)
        return out
    if isinstance(v, list):
        return [plain(x) for x in v]
    if v is None or isinstance(v, (str, bool, int)):
        return v
    return {"$yaml11": type(v).__name__, "repr": repr(v)}


def load(data, loader):
    try:
        return plain(yaml.load(data, Loader=loader))
    except yaml.YAMLError as e:
        return {"$error": str(e)}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: read.py DIR")
    root = sys.argv[1]
    loaders = [("pure", yaml.SafeLoader)]
    if getattr(yaml, "CSafeLoader", None) is not None:
        loaders.append(("libyaml", yaml.CSafeLoader))
    files = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(".yaml"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                data = f.read()
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            files[rel] = {label: load(data, loader) for label, loader in loaders}
    json.dump({"loaders": [label for label, _ in loaders], "files": files}, sys.stdout, ensure_ascii=True, sort_keys=True)


if __name__ == "__main__":
    main()
