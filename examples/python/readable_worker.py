#!/usr/bin/env python3
"""The READ//ABLE worker protocol for Python, standard library only.

    from readable_worker import serve

    model = load_my_model()          # once, however long it takes

    def mark(essay, context):
        # essay: the essay dict (text, meta, selections); context: file_id, deadline (epoch ms)
        return [{"start": 0, "end": 10, "type": "проблема", "group": "meaning", "comment": "..."}]

    serve(mark, name="my-model", version="1.0")

`mark` returns either a list of new selections whose `start`/`end` are Python string indices into
`essay["text"]` (converted here to the UTF-16 offsets the platform counts in, given ids and the
empty fields), or the whole essay dict (its offsets are then taken as UTF-16 offsets, as is).
An exception becomes an error answer for that essay (the traceback goes to stderr); the worker
keeps running. The protocol itself is docs/markup-worker.md; `serve` handles all of it: the
ready line, ids, up to MARKUP_WORKER_INFLIGHT essays at once (threads), answers as they finish,
and exit when stdin closes.
"""
import json
import os
import sys
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor

SELECTION_FIELDS = ("subtype", "tag", "comment", "explanation", "correction")


class Context:
    """What the worker knows about the essay it is marking."""

    def __init__(self, request_id, file_id, deadline):
        self.id = request_id
        self.file_id = file_id
        self.deadline = deadline  # epoch milliseconds
        self.cancelled = threading.Event()  # set when the client no longer wants the answer


def utf16_offset(text, index):
    """Python counts code points; the platform counts UTF-16 code units (as JavaScript does)."""
    return len(text[:index].encode("utf-16-le")) // 2


def add_selections(essay, found):
    """Appends selections given with Python indices to the essay, in UTF-16 offsets, with fresh ids."""
    text = essay["text"]
    selections = essay.setdefault("selections", [])
    next_id = max((s.get("id", 0) for s in selections), default=0) + 1
    for item in found:
        start, end = int(item["start"]), int(item["end"])
        if not 0 <= start < end <= len(text):
            raise ValueError(f"selection {start}..{end} is outside the text (length {len(text)})")
        selection = {
            "id": next_id,
            "startSelection": utf16_offset(text, start),
            "endSelection": utf16_offset(text, end),
            "type": item["type"],
            "group": item.get("group", "meaning"),
        }
        for field in SELECTION_FIELDS:
            selection[field] = str(item.get(field, ""))
        selections.append(selection)
        next_id += 1
    return essay


def mark_one(mark, essay, context):
    """Runs the user's `mark` and turns what it returns into the marked essay."""
    result = mark(essay, context)
    if isinstance(result, dict):
        return result
    if isinstance(result, (list, tuple)):
        return add_selections(essay, result)
    raise TypeError(f"mark() returned {type(result).__name__}; return a list of selections or the essay dict")


class Server:
    def __init__(self, mark, output):
        self.mark = mark
        self.output = output
        self.lock = threading.Lock()
        self.contexts = {}

    def send(self, message):
        line = json.dumps(message, ensure_ascii=False)
        with self.lock:
            self.output.write(line + "\n")
            self.output.flush()

    def handle(self, request):
        request_id = request["id"]
        context = self.contexts[request_id]
        try:
            essay = mark_one(self.mark, request["essay"], context)
            self.send({"id": request_id, "essay": essay})
        except Exception as error:  # the worker survives a failure on one essay
            traceback.print_exc(file=sys.stderr)
            self.send({"id": request_id, "error": f"{type(error).__name__}: {error}"})
        finally:
            self.contexts.pop(request_id, None)

    def dispatch(self, pool, line):
        try:
            request = json.loads(line)
        except ValueError as error:
            print(f"readable_worker: ignoring a request line that is not JSON: {error}", file=sys.stderr)
            return
        if "cancel" in request:
            context = self.contexts.get(request["cancel"])
            if context is not None:
                context.cancelled.set()
            return
        request_id = request.get("id")
        if not isinstance(request_id, int):
            print("readable_worker: ignoring a request without an integer id", file=sys.stderr)
            return
        self.contexts[request_id] = Context(request_id, str(request.get("fileId", "")), request.get("deadline"))
        pool.submit(self.handle, request)


def serve(mark, name=None, version=None, inflight=None, stdin=None, stdout=None):
    """Answers requests until stdin closes. Call it after the model is loaded: it says `ready`."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    # The toolkit speaks UTF-8 whatever the system's locale is.
    for stream in (stdin, stdout):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    threads = inflight or int(os.environ.get("MARKUP_WORKER_INFLIGHT", "1") or 1)
    server = Server(mark, stdout)
    ready = {"ready": True}
    if name is not None:
        ready["name"] = name
    if version is not None:
        ready["version"] = version
    server.send(ready)
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        for line in stdin:
            if line.strip():
                server.dispatch(pool, line)
    # stdin closed: the client is gone or done; answers still running finish, then we exit.
