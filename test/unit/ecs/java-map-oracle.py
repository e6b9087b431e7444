#!/usr/bin/env python3
"""Batch driver for the shared oracle tools/java-map-tostring.py (relative to shared/).

Reads from standard input a JSON array of [json_text, newest] pairs and writes one JSON
line per pair: {"status": 0, "text": rendering}, or {"status": N} with the oracle's exit
status (2 not JSON, 3 tree bin, 4 empty after pruning). One process renders thousands of
inputs, which the command-line oracle would need one process each for.
"""
import importlib.util
import json
import os
import sys

ORACLE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      '..', '..', '..', '..', 'shared', 'tools', 'java-map-tostring.py')


def load_oracle():
    spec = importlib.util.spec_from_file_location('java_map_tostring', ORACLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render_one(oracle, text, newest):
    try:
        parsed = json.loads(
            text,
            object_pairs_hook=lambda pairs: oracle.PairList(oracle.reject_duplicates(pairs)),
            parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)),
        )
    except ValueError:
        return {'status': 2}
    try:
        value = oracle.to_java(parsed)
    except oracle.TreeBinError:
        return {'status': 3}
    is_empty = oracle.make_is_empty(newest)
    oracle.prune(value, is_empty)
    if is_empty(value):
        return {'status': 4}
    return {'status': 0, 'text': oracle.render(value)}


def main():
    oracle = load_oracle()
    cases = json.loads(sys.stdin.buffer.read().decode('utf-8'))
    out = sys.stdout
    for text, newest in cases:
        out.write(json.dumps(render_one(oracle, text, bool(newest))) + '\n')
    out.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main())
