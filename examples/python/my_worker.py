#!/usr/bin/env python3
"""An example worker for `--markup-worker "python3 examples/python/my_worker.py"`.

Its "model" takes a few seconds to load (MODEL_LOAD_SECONDS, default 3) — once, not per essay:
the toolkit starts the worker before the session and keeps it for the whole session.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from first_sentence import mark  # noqa: E402
from readable_worker import serve  # noqa: E402


def load_model():
    seconds = float(os.environ.get("MODEL_LOAD_SECONDS", "3"))
    print(f"my_worker.py: loading the model ({seconds} s)…", file=sys.stderr, flush=True)
    time.sleep(seconds)
    return mark


if __name__ == "__main__":
    model = load_model()
    serve(lambda essay, context: model(essay, context), name="my_worker.py", version="1")
