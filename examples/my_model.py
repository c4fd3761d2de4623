#!/usr/bin/env python3
"""An example markup program for `--markup-command "python3 examples/my_model.py"`.

The toolkit runs it once per essay: the essay arrives as JSON on stdin, the marked
essay must be printed as JSON on stdout. Anything printed on stderr is logged and
shown when the program fails. Python 3 standard library only.

Replace `mark` with your model. Keep `text` unchanged: selections are character
offsets into it.
"""
import json
import os
import re
import sys

# One meaning block per subject, as the demo markup does.
BLOCK = {
    "rus": "проблема",
    "lit": "аргумент",
    "social": "идея",
    "hist": "сяп",
    "eng": "проблема",
}


def utf16_offset(text, index):
    """Offsets are counted in UTF-16 code units (as in JavaScript), Python counts code points."""
    return len(text[:index].encode("utf-16-le")) // 2


def mark(essay):
    text = essay["text"]
    subject = str(essay["meta"].get("subject", "")).lower()
    match = re.search(r"[.!?…](\s|$)", text)
    end = min(match.end(0) if match else len(text), len(text))
    end = len(text[:end].rstrip())
    selections = essay.setdefault("selections", [])
    next_id = max((s.get("id", 0) for s in selections), default=0) + 1
    selections.append(
        {
            "id": next_id,
            "startSelection": 0,
            "endSelection": utf16_offset(text, end),
            "type": BLOCK.get(subject, "проблема"),
            "group": "meaning",
            "subtype": "",
            "tag": "",
            "comment": "my_model.py: first sentence",
            "explanation": "",
            "correction": "",
        }
    )
    return essay


def main():
    # The toolkit speaks UTF-8 whatever the system's locale is (Windows may default to cp1251).
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    essay = json.load(sys.stdin)
    file_id = os.environ.get("MARKUP_FILE_ID", "?")
    print(f"my_model.py: marking file {file_id}", file=sys.stderr)
    json.dump(mark(essay), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
