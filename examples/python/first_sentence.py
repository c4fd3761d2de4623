"""A trivial `mark` shared by the worker and HTTP examples: the first sentence as a meaning block."""
import re

BLOCK = {"rus": "проблема", "lit": "аргумент", "social": "идея", "hist": "сяп", "eng": "проблема"}


def mark(essay, context=None):
    text = essay["text"]
    subject = str(essay.get("meta", {}).get("subject", "")).lower()
    match = re.search(r"[.!?…](\s|$)", text)
    end = len(text[: match.end(0) if match else len(text)].rstrip())
    if end == 0:
        return []
    return [{"start": 0, "end": end, "type": BLOCK.get(subject, "проблема"), "group": "meaning",
             "comment": "first_sentence.py"}]
